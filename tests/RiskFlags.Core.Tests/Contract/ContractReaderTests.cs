using Microsoft.Extensions.Time.Testing;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Tests.Contract;

public sealed class ContractReaderTests : IDisposable
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly TempFolder folder = new();
    private readonly List<RowError> errors = [];

    public void Dispose() => folder.Dispose();

    private (List<FamilyRecord> Families, List<PersonRecord> People, List<EventRecord> Events, ContractReader Reader) Read()
    {
        var reader = new ContractReader(folder.Path, Today, errors.Add);
        reader.EnsureFilesExist();
        return (reader.ReadFamilies().ToList(), reader.ReadPeople().ToList(), reader.ReadEvents().ToList(), reader);
    }

    private void WriteValid()
    {
        folder.Write("families.csv", "family_id,local_area,deprivation_decile\nF1,E01000001,2\nF2,,\n");
        folder.Write("people.csv", "person_id,family_id,role,birth_date,sex,ethnicity,care_experienced\nM1,F1,mother,1995-04-02,F,WBRI,true\nC1,F1,child,2019-06,M,WBRI,\nM2,F2,mother,1988-01-01,F,,\n");
        folder.Write("events.csv", "event_id,person_id,date,source,type,end_date,detail\nE1,M1,2024-01-10,police,domestic_abuse_incident,,victim\nE2,C1,2023-05,social_care,child_protection_plan,,neglect\n");
    }

    [Fact]
    public void A_file_from_another_tool_loads_with_nothing_rejected()
    {
        // Shuffled upper-case headers, extra columns, quoted fields (with a comma and a doubled quote),
        // a byte-order mark, CRLF line endings, a blank line and different id styles.
        folder.Write("families.csv",
            "Deprivation_Decile,EXTRA,FAMILY_ID,Local_Area\r\n1,\"x, y\",hh-0001,\"Grays Riverside, North\"\r\n\r\n10,,HH:2,E01015000\r\n", bom: true);
        folder.Write("people.csv",
            "Role,Care_Experienced,Person_ID,Birth_Date,Family_ID,Sex,Ethnicity,notes\r\nMOTHER,FALSE,p.1,1990-02-03,hh-0001,f,wbri,\"said \"\"hi\"\"\"\r\nChild,,p.2,2015-09,hh-0001,U,,\r\nfather,,p_3,,HH:2,M,BAFR,\r\n", bom: true);
        folder.Write("events.csv",
            "TYPE,Source,Date,Person_Id,Event_ID,Detail,End_Date,free_text\r\narrest,POLICE,2024-02-01,p_3,\"42\",violence,,\"anything, at all\"\r\ncare_episode,social_care,2024-03-01,p.2,42,care_order/returned_home,2024-09-30,\r\nsubstance_treatment,substance_service,2023-11,p.1,st.9,Both,,\r\n", bom: true);

        var (families, people, events, reader) = Read();

        Assert.Empty(errors.Select(e => e.ToString()));
        Assert.Equal(new FileCounts(2, 0), reader.FamilyCounts);
        Assert.Equal(new FileCounts(3, 0), reader.PersonCounts);
        Assert.Equal(new FileCounts(3, 0), reader.EventCounts);
        Assert.Equal("Grays Riverside, North", families[0].LocalArea);
        Assert.Equal(PersonRole.Mother, people[0].Role);
        Assert.Equal("WBRI", people[0].Ethnicity);
        Assert.False(people[0].CareExperienced);
        Assert.Equal(new DateOnly(2015, 9, 1), people[1].BirthDate);
        var care = events.Single(e => e.Type is EventType.CareEpisode);
        Assert.Equal(EventDetail.CareOrder, care.DetailCode);
        Assert.Equal("care_order/returned_home", care.Detail);
        Assert.Equal(EventDetail.AlcoholAndDrugs, events.Single(e => e.Type is EventType.SubstanceTreatment).DetailCode);
        Assert.Equal(new DateOnly(2023, 11, 1), events.Single(e => e.Type is EventType.SubstanceTreatment).Date);
    }

    [Fact]
    public void Event_ids_are_unique_per_source_not_across_sources()
    {
        WriteValid();
        folder.Write("events.csv", "event_id,person_id,date,source,type,end_date,detail\n7,M1,2024-01-10,police,arrest,,\n7,M1,2024-01-11,health,ae_attendance,,\n7,M1,2024-01-12,police,arrest,,\n");

        var (_, _, events, _) = Read();

        Assert.Equal(2, events.Count);
        var error = Assert.Single(errors);
        Assert.Equal(("events.csv", 4L, 1, "event_id"), (error.File, error.Line, error.Column, error.Field));
        Assert.Contains("appears twice for source 'police'", error.Reason);
    }

    [Fact]
    public void A_duplicate_after_a_rejected_first_row_loads_and_a_third_copy_is_a_duplicate_of_the_second()
    {
        WriteValid();
        folder.Write("events.csv", "event_id,person_id,date,source,type,end_date,detail\n" +
            "X,GHOST,2024-01-10,police,arrest,,\n" +
            "X,M1,2024-01-11,police,arrest,,\n" +
            "X,M1,2024-01-12,police,arrest,,\n" +
            "Y,M1,2024-01-12,police,arrest,,\n");

        var (_, _, events, reader) = Read();

        Assert.Equal([("X", new DateOnly(2024, 1, 11)), ("Y", new DateOnly(2024, 1, 12))], events.Select(e => (e.EventId, e.Date)).OrderBy(e => e.EventId));
        Assert.Equal(new FileCounts(2, 2), reader.EventCounts);
        Assert.Equal(["events.csv:2:2: person_id: 'GHOST' is not in people.csv", "events.csv:4:1: event_id: 'X' appears twice for source 'police'"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Each_broken_row_is_rejected_with_its_line_column_and_reason_and_the_rows_around_it_load()
    {
        WriteValid();
        folder.Write("events.csv", string.Join("\n",
            "event_id,person_id,date,source,type,end_date,detail",
            "OK1,M1,2024-01-10,police,arrest,,",
            "B1,M1,2024-01-10,police,teleport,,",
            "OK2,C1,2024-01-11,school,suspension,,",
            "B2,NOBODY,2024-01-10,police,arrest,,",
            "B3,M1,2024-13-45,health,ae_attendance,,",
            "B4,C1,2024-03-01,social_care,child_in_need_plan,2024-02-01,",
            "B5,M1,,health,ae_attendance,,",
            "OK3,M1,2024-02-02,health,mental_health_contact,,",
            "B6,M1,2024-01-10,school,arrest,,",
            "B7,M1,2024-01-10,police,domestic_abuse_incident,,bystander",
            "B8,M1,2024-01-10,police,arrest,,hit someone with a bottle",
            "B9,M1,2031-01-10,police,arrest,,",
            "") );

        var (_, _, events, reader) = Read();

        Assert.Equal(["OK1", "OK2", "OK3"], events.Select(e => e.EventId));
        Assert.Equal(new FileCounts(3, 9), reader.EventCounts);
        Assert.Collection(errors,
            e => Assert.Equal(("events.csv", 3L, 5, "type"), (e.File, e.Line, e.Column, e.Field)),
            e => Assert.Equal((5L, 2, "person_id", "'NOBODY' is not in people.csv"), (e.Line, e.Column, e.Field, e.Reason)),
            e => Assert.Equal((6L, 3, "date", "'2024-13-45' is not a date (YYYY-MM-DD or YYYY-MM)"), (e.Line, e.Column, e.Field, e.Reason)),
            e => Assert.Equal((7L, 6, "end_date", "2024-02-01 is before the date 2024-03-01"), (e.Line, e.Column, e.Field, e.Reason)),
            e => Assert.Equal((8L, 3, "date", "is required"), (e.Line, e.Column, e.Field, e.Reason)),
            e => Assert.Equal((10L, 5, "type"), (e.Line, e.Column, e.Field)),
            e => Assert.Equal((11L, 7, "detail"), (e.Line, e.Column, e.Field)),
            e => Assert.Equal((12L, 7, "detail"), (e.Line, e.Column, e.Field)),
            e => Assert.Equal((13L, 3, "date"), (e.Line, e.Column, e.Field)));
        Assert.Contains("'teleport' is not one of", errors[0].Reason);
        Assert.Contains("not a type for source 'school'; expected one of suspension, permanent_exclusion, persistent_absence", errors[5].Reason);
        Assert.Contains("expected one of perpetrator, victim, witness", errors[6].Reason);
        Assert.Contains("free text is not accepted", errors[7].Reason);
        Assert.Contains("outside 1900-01-01 to today (2026-11-23)", errors[8].Reason);
        Assert.Equal("events.csv:3:5: type: " + errors[0].Reason, errors[0].ToString());
    }

    [Fact]
    public void A_quote_that_does_not_close_on_its_line_rejects_that_line_alone_and_reading_goes_on()
    {
        // D4: no field of the contract holds a line break, so an unterminated quote costs its own line, not the rest of the file.
        WriteValid();
        folder.Write("families.csv", "family_id,local_area\nF1,\"North\nF2,x\nF3,\"unclosed, and a comma\nF4,y\n\"F 5\",y\nF6,z\n");

        var (families, _, _, reader) = Read();

        Assert.Equal(["F2", "F4", "F6"], families.Select(f => f.FamilyId));
        Assert.Equal(new FileCounts(3, 3), reader.FamilyCounts);
        Assert.Collection(errors.Where(e => e.File == "families.csv"),
            e => Assert.Equal((2L, 2, "local_area"), (e.Line, e.Column, e.Field)),
            e => Assert.Equal((4L, 2, "local_area"), (e.Line, e.Column, e.Field)),
            e => Assert.Equal((6L, 1, "family_id"), (e.Line, e.Column, e.Field)));
        Assert.StartsWith("the quote opened at character 4 is not closed on this line", errors[0].Reason);
    }

    [Fact]
    public void An_unterminated_quote_a_third_of_the_way_through_a_big_file_loses_only_its_line()
    {
        WriteValid();
        var rows = Enumerable.Range(1, 900).Select(i => $"E{i},M1,2024-01-10,police,arrest,,").ToList();
        rows[299] = rows[299].Replace("E300,", "\"E300,", StringComparison.Ordinal);
        folder.Write("events.csv", "event_id,person_id,date,source,type,end_date,detail\n" + string.Join("\n", rows) + "\n");

        var (_, _, events, reader) = Read();

        Assert.Equal(899, events.Count);
        Assert.Equal(new FileCounts(899, 1), reader.EventCounts);
        var error = Assert.Single(errors);
        Assert.Equal((301L, 1), (error.Line, error.Column));
    }

    [Fact]
    public void A_byte_that_is_not_utf8_rejects_its_line_at_the_right_line_and_column()
    {
        // D11: a bad byte used to be reported a thousand lines early, or without a line, and cost the whole file.
        WriteValid();
        var lines = new List<byte[]> { "event_id,person_id,date,source,type,end_date,detail"u8.ToArray() };
        lines.AddRange(Enumerable.Range(1, 6000).Select(i => System.Text.Encoding.UTF8.GetBytes($"E{i},M1,2024-01-10,police,arrest,,")));
        lines[5999] = [.. "E5999,M1"u8.ToArray(), 0xA3, .. ",2024-01-10,police,arrest,,"u8.ToArray()];
        File.WriteAllBytes(folder.File("events.csv"), [.. lines.SelectMany(l => l.Append((byte)'\n'))]);

        var (_, _, events, reader) = Read();

        Assert.Equal(5999, events.Count);
        Assert.Equal(new FileCounts(5999, 1), reader.EventCounts);
        var error = Assert.Single(errors);
        Assert.Equal(("events.csv", 6000L, 2, "person_id"), (error.File, error.Line, error.Column, error.Field));
        Assert.StartsWith("0xA3 at byte 9 of the line is not UTF-8", error.Reason);
    }

    [Fact]
    public void A_header_that_repeats_a_contract_column_stops_the_file_naming_both_columns()
    {
        // D12: a duplicate header used to be accepted, the first column winning silently.
        WriteValid();
        folder.Write("events.csv", "event_id,person_id,date,source,type,end_date,detail,date\nE1,M1,2024-01-10,police,arrest,,,1999-01-01\n");
        var reader = new ContractReader(folder.Path, Today, errors.Add);
        _ = reader.ReadFamilies().ToList();
        _ = reader.ReadPeople().ToList();

        var error = Assert.Throws<ContractFileException>(() => reader.ReadEvents().ToList());

        Assert.Equal("events.csv: line 1: column 'date' appears 2 times (columns 3 and 8); which one holds the data is not clear, so the file is not read", error.Message);
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_is_named_as_such()
    {
        WriteValid();
        File.WriteAllBytes(folder.File("families.csv"), System.Text.Encoding.Unicode.GetBytes("family_id\nF1\n"));

        var error = Assert.Throws<ContractFileException>(() => new ContractReader(folder.Path, Today, errors.Add).ReadFamilies().ToList());

        Assert.Contains("looks like UTF-16 without a byte-order mark", error.Message);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_and_cr_only_line_endings_load()
    {
        WriteValid();
        File.WriteAllBytes(folder.File("families.csv"), [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("family_id,local_area\rF1,Grays\rF2,\"Tilbury, East\"\r")]);

        var (families, _, _, _) = Read();

        Assert.Empty(errors);
        Assert.Equal([("F1", "Grays"), ("F2", "Tilbury, East")], families.Select(f => (f.FamilyId, f.LocalArea!)));
    }

    [Fact]
    public void An_overlong_line_is_one_rejected_row_and_its_cells_are_not_echoed()
    {
        WriteValid();
        folder.Write("families.csv", "family_id,local_area\nF1,a\nF2," + new string('x', 3 << 20) + "\nF3,c\n");

        var (families, _, _, reader) = Read();

        Assert.Equal(["F1", "F3"], families.Select(f => f.FamilyId));
        Assert.Equal(new FileCounts(2, 1), reader.FamilyCounts);
        var error = Assert.Single(errors, e => e.File == "families.csv");
        Assert.Equal(3L, error.Line);
        Assert.True(error.Reason.Length < 200);
    }

    [Fact]
    public void Malformed_quoting_and_a_wrong_field_count_reject_only_their_rows()
    {
        WriteValid();
        folder.Write("families.csv", "family_id,local_area,deprivation_decile\nF1,a\"b,3\nF2,b,4,extra\nF3,c,11\nF4,d,4\n");

        var (families, _, _, _) = Read();

        Assert.Equal(["F4"], families.Select(f => f.FamilyId));
        Assert.Collection(errors.Where(e => e.File == "families.csv"),
            e => Assert.Equal((2L, 2, "local_area"), (e.Line, e.Column, e.Field)),
            e => Assert.Equal((3L, "the row has 4 fields but the header has 3"), (e.Line, e.Reason)),
            e => Assert.Equal((4L, 3, "'11' is not a decile from 1 to 10"), (e.Line, e.Column, e.Reason)));
        Assert.Contains("malformed quoting", errors[0].Reason);
    }

    [Fact]
    public void People_checks_name_the_family_and_the_required_birth_date()
    {
        WriteValid();
        folder.Write("families.csv", "family_id,deprivation_decile\nF1,2\nF2,0\n");
        folder.Write("people.csv", "person_id,family_id,role,birth_date\nM1,F1,mother,1995-04-02\nC9,F1,child,\nX1,F2,father,\nX2,F7,father,\nM1,F1,mother,1995-04-02\nC1,F1,aunt,2010-01-01\n");
        folder.Write("events.csv", "event_id,person_id,date,source,type\nE1,X1,2024-01-01,police,arrest\n");

        var (_, people, events, _) = Read();

        Assert.Equal(["M1"], people.Select(p => p.PersonId));
        Assert.Empty(events);
        Assert.Equal(
            [
                "families.csv:3:2: deprivation_decile: '0' is not a decile from 1 to 10",
                "people.csv:3:4: birth_date: is required for a child",
                "people.csv:4:2: family_id: 'F2' refers to a family whose row was rejected (families.csv:3)",
                "people.csv:5:2: family_id: 'F7' is not in families.csv",
                "people.csv:6:1: person_id: 'M1' appears twice in family 'F1'",
                "people.csv:7:3: role: 'aunt' is not one of child, mother, father, carer",
                "events.csv:2:2: person_id: 'X1' refers to a person whose row was rejected (people.csv:4)",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_mother_may_belong_to_two_families_but_not_with_two_birth_dates()
    {
        WriteValid();
        folder.Write("people.csv", "person_id,family_id,role,birth_date\nM1,F1,mother,1995-04-02\nM1,F2,mother,1995-04-02\nM1,F2,carer,1990-01-01\n");
        folder.Write("events.csv", "event_id,person_id,date,source,type\nE1,M1,2024-01-01,police,arrest\n");

        var (_, people, _, _) = Read();

        Assert.Equal(2, people.Count);
        Assert.Equal(["people.csv:4:1: person_id: 'M1' appears twice in family 'F2'"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_person_with_conflicting_birth_dates_is_rejected_naming_the_earlier_row()
    {
        WriteValid();
        folder.Write("people.csv", "person_id,family_id,role,birth_date\nM1,F1,mother,1995-04-02\nM1,F2,mother,1996-04-02\n");
        folder.Write("events.csv", "event_id,person_id,date,source,type\nE1,M1,2024-01-01,police,arrest\n");

        Read();

        Assert.Equal(["people.csv:3:4: birth_date: 1996-04-02 differs from the birth_date of the same person at people.csv:2 (1995-04-02)"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Ids_already_in_the_store_satisfy_references()
    {
        WriteValid();
        folder.Write("people.csv", "person_id,family_id,role,birth_date\nC5,STORED_FAMILY,child,2020-01-01\n");
        folder.Write("events.csv", "event_id,person_id,date,source,type\nE1,STORED_PERSON,2024-01-01,police,arrest\n");
        var reader = new ContractReader(folder.Path, Today, errors.Add, id => id == "STORED_FAMILY", id => id == "STORED_PERSON");

        _ = reader.ReadFamilies().ToList();
        var people = reader.ReadPeople().ToList();
        var events = reader.ReadEvents().ToList();

        Assert.Empty(errors.Select(e => e.ToString()));
        Assert.Single(people);
        Assert.Single(events);
    }

    [Fact]
    public void A_missing_file_or_required_column_fails_the_whole_read_naming_the_file()
    {
        WriteValid();
        File.Delete(folder.File("people.csv"));
        var missing = Assert.Throws<ContractFileException>(() => new ContractReader(folder.Path, Today, errors.Add).EnsureFilesExist());
        Assert.Equal("people.csv", missing.File);
        Assert.Contains("file not found", missing.Message);

        folder.Write("people.csv", "person_id,role,birth_date\nM1,mother,1990-01-01\n");
        var reader = new ContractReader(folder.Path, Today, errors.Add);
        _ = reader.ReadFamilies().ToList();
        var column = Assert.Throws<ContractFileException>(() => reader.ReadPeople().ToList());
        Assert.Equal("people.csv: line 1: required column 'family_id' is missing (the header has: person_id, role, birth_date)", column.Message);
    }

    [Fact]
    public void An_empty_file_fails_naming_it()
    {
        WriteValid();
        folder.Write("families.csv", "");

        var error = Assert.Throws<ContractFileException>(() => new ContractReader(folder.Path, Today, errors.Add).ReadFamilies().ToList());

        Assert.Equal("families.csv: the file is empty; expected a header row", error.Message);
    }
}
