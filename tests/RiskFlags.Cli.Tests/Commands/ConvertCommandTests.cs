using RiskFlags.Cli.Tests.Support;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>riskflags convert --from ssda903 on fixtures written from the DfE's table layouts (standards.md 1.1).</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(folder.File("in"));
        File.WriteAllText(folder.File($"in/{name}"), text.ReplaceLineEndings("\n"));
        return folder.File("in");
    }

    private string Events() => File.ReadAllText(folder.File("out/events.csv"));

    [Fact]
    public async Task Both_date_styles_and_both_sex_code_sets_convert_and_the_result_imports_with_nothing_rejected()
    {
        // Named so that the header, not the name, has to tell the tables apart.
        Write("a.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            101,1,03/02/2012,WBRI,,,
            102,2,14/09/2019,BAFR,,,
            """);
        Write("b.csv", """
            LA,YEAR,CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            883,2025,103,M,2010-06-01,WBRI,,,
            883,2025,104,F,2016-11-30,MWBC,,,
            """);
        Write("c.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            101,05/05/2022,S,V2,N4,U1,PR1,01/09/2022,E4A,,,,
            102,10/01/2023,S,C1,N1,U1,PR1,,,,,,
            """);
        var input = Write("d.csv", """
            LA,YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            883,2025,103,2024-07-01,S,L2,N1,U1,PR1,2024-07-08,E4B,,,,
            883,2025,104,2024-08-01,S,V3,N2,U1,PR1,2024-08-03,E8,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"), "--prefix-ids");
        var import = await CliRun.RunAsync("import", folder.File("out"), "--db", $"Data Source={folder.File("store.db")}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Converted 4 children and 4 episodes into 3 periods of care", run.Out);
        Assert.Contains("1 periods of short breaks (V3/V4) were written as short_breaks", run.Out);
        var people = File.ReadAllText(folder.File("out/people.csv"));
        Assert.Contains("903:101,903:101,child,2012-02-03,M,WBRI,", people);
        Assert.Contains("903:102,903:102,child,2019-09-14,F,BAFR,", people);
        Assert.Contains("903:103,903:103,child,2010-06-01,M,WBRI,", people);
        Assert.Contains("903:101:2022-05-05,903:101,2022-05-05,social_care,care_episode,2022-09-01,s20/returned_home", Events());
        Assert.Contains("903:102:2023-01-10,903:102,2023-01-10,social_care,care_episode,,interim_care_order", Events());
        Assert.Contains("903:103:2024-07-01,903:103,2024-07-01,social_care,care_episode,2024-07-08,emergency_protection_order/returned_home", Events());
        Assert.Contains("903:104:2024-08-01,903:104,2024-08-01,social_care,care_episode,2024-08-03,short_breaks/other", Events());
        Assert.Equal(0, import.ExitCode);
        Assert.Matches(@"events\s+4\s+0\s", import.Out);
    }

    [Fact]
    public async Task A_period_of_three_episodes_is_one_care_episode_and_a_repeat_in_a_later_years_return_is_stored_once()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            201,2,01/03/2020,WBRI,,,
            202,1,01/03/2011,WBRI,,,
            """);
        Write("episodes-2023.csv", """
            YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            2023,201,01/06/2022,S,C1,N1,U1,PR1,01/10/2022,X1,,,,
            2023,201,01/10/2022,L,C2,N1,U1,PR1,,,,,,
            2023,202,15/02/2023,P,C2,N1,U1,PR1,,,,,,
            """);
        var input = Write("episodes-2024.csv", """
            YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            2024,201,01/10/2022,L,C2,N1,U1,PR1,01/12/2023,X1,,,,
            2024,201,01/12/2023,P,E1,N1,U1,PR1,20/03/2024,E11,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"), "--prefix-ids");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("903:201:2022-06-01,903:201,2022-06-01,social_care,care_episode,2024-03-20,interim_care_order/adopted", Events());
        Assert.Single(Events().Split('\n'), l => l.StartsWith("903:201:", StringComparison.Ordinal));
        // 202's first episode in the returns is a change of placement: its care began before them.
        Assert.Contains("903:202:2023-02-15,903:202,2023-02-15,social_care,care_episode,,care_order", Events());
        Assert.Contains("(1 began before the returns: their start is not known)", run.Out);
    }

    [Fact]
    public async Task Bad_records_are_rejected_naming_file_line_and_field_and_the_rest_still_converts()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            301,1,01/01/2015,WBRI,,,
            302,7,01/01/2015,WBRI,,,
            """);
        var input = Write("episodes.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            301,32/01/2023,S,C1,N1,U1,PR1,,,,,,
            301,01/02/2023,S,Q9,N1,U1,PR1,,,,,,
            301,01/03/2023,S,C1,N1,U1,PR1,01/02/2023,E4A,,,,
            399,01/03/2023,S,C1,N1,U1,PR1,,,,,,
            301,01/04/2023,S,V2,N1,U1,PR1,,,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"), "--prefix-ids");

        Assert.Equal(3, run.ExitCode);
        var errors = File.ReadAllLines(folder.File("out/conversion-errors.txt"));
        Assert.Contains(errors, e => e.StartsWith("header.csv:3:2: SEX: '7' is not a SEX code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:2:2: DECOM: '32/01/2023' is not a date", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:3:4: LS: 'Q9' is not a legal status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:4:8: DEC: 2023-02-01 is before the episode began (2023-03-01)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:5:1: CHILD: '399' has episodes but is not in the Header table", StringComparison.Ordinal));
        Assert.Equal(5, errors.Length);
        Assert.Contains("903:301:2023-04-01,903:301,2023-04-01,social_care,care_episode,,s20", Events());
        Assert.Contains("5 records rejected", run.Error);
    }

    [Fact]
    public async Task The_xml_return_gives_the_same_events_as_the_csv_tables()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            401,2,03/02/2012,WBRI,,0,
            402,1,14/09/2019,BAFR,,,
            """);
        Write("missing.csv", """
            CHILD,DOB,MISSING,MIS_START,MIS_END
            401,03/02/2012,A,10/10/2022,11/10/2022
            """);
        var csvInput = Write("episodes.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            401,05/05/2022,S,C1,N1,U1,PR1,01/07/2022,X1,,,,
            401,01/07/2022,P,C2,N1,U2,PR1,01/09/2022,X1,,,,
            401,01/09/2022,L,D1,N1,U2,PR1,20/03/2024,E11,,,,
            402,10/01/2023,T,V2,N2,U1,PR1,,,,,,
            """);
        Directory.CreateDirectory(folder.File("xml"));
        File.WriteAllText(folder.File("xml/return.xml"), """
            <?xml version="1.0" encoding="utf-8"?>
            <EXPSSDA903>
              <CHILD>
                <HEADER>
                  <CHILDID>401</CHILDID><SEX>2</SEX><DOB>03/02/2012</DOB><ETHNIC>WBRI</ETHNIC><UPN></UPN><MOTHER>0</MOTHER><MC_DOB></MC_DOB>
                  <AREVIEW><REVIEW>01/08/2022</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
                  <AMISSING><MISSING>A</MISSING><MIS_START>10/10/2022</MIS_START><MIS_END>11/10/2022</MIS_END></AMISSING>
                </HEADER>
                <EPISODE><DECOM>05/05/2022</DECOM><RNE>S</RNE><LS>C1</LS><CIN>N1</CIN><PL>U1</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/07/2022</DEC><REC>X1</REC></EPISODE>
                <EPISODE><DECOM>01/07/2022</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>U2</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/09/2022</DEC><REC>X1</REC></EPISODE>
                <EPISODE><DECOM>01/09/2022</DECOM><RNE>L</RNE><LS>D1</LS><CIN>N1</CIN><PL>U2</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>20/03/2024</DEC><REC>E11</REC></EPISODE>
              </CHILD>
              <CHILD>
                <HEADER><CHILDID>402</CHILDID><SEX>1</SEX><DOB>14/09/2019</DOB><ETHNIC>BAFR</ETHNIC></HEADER>
                <EPISODE><DECOM>10/01/2023</DECOM><RNE>T</RNE><LS>V2</LS><CIN>N2</CIN><PL>U1</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC></DEC><REC></REC></EPISODE>
              </CHILD>
            </EXPSSDA903>
            """.ReplaceLineEndings("\n"));

        var fromCsv = await CliRun.RunAsync("convert", "--from", "ssda903", csvInput, "--out", folder.File("out"));
        var csvEvents = Events();
        var csvPeople = File.ReadAllText(folder.File("out/people.csv"));
        var fromXml = await CliRun.RunAsync("convert", "--from", "ssda903", folder.File("xml"), "--out", folder.File("out"));

        Assert.True(fromCsv.ExitCode == 0, fromCsv.Error);
        Assert.True(fromXml.ExitCode == 0, fromXml.Error);
        Assert.Equal(csvEvents, Events());
        Assert.Equal(csvPeople, File.ReadAllText(folder.File("out/people.csv")));
        // Three episodes joined by X1 into one period with the first episode's legal status; 402's is left-censored (RNE T).
        Assert.Contains("903:401:2022-05-05,401,2022-05-05,social_care,care_episode,2024-03-20,interim_care_order/adopted", csvEvents);
        Assert.Contains("(1 began before the returns", fromXml.Out);
        // ...and the contract says so: nothing may rest on a start the returns do not hold.
        Assert.Contains("903:402:2023-01-10:start_unknown,402,2023-01-10,social_care,care_start_unknown,,", csvEvents);
        // The Missing table (AMISSING in the XML): away from placement, as the council recorded it.
        Assert.Contains("903:401:2022-10-10:missing,401,2022-10-10,social_care,missing_from_care,,away", csvEvents);
    }

    [Fact]
    public async Task An_xml_element_out_of_place_rejects_its_record_naming_the_element_line_and_the_rest_converts()
    {
        Directory.CreateDirectory(folder.File("xml"));
        File.WriteAllText(folder.File("xml/return.xml"), """
            <?xml version="1.0" encoding="utf-8"?>
            <EXPSSDA903>
              <CHILD>
                <HEADER><CHILDID>501</CHILDID><SEX>M</SEX><DOB>2015-01-01</DOB><ETHNIC>WBRI</ETHNIC></HEADER>
                <EPISODE><DECOM>2023-01-01</DECOM><RNE>S</RNE><LS>C1</LS><COLOUR>blue</COLOUR></EPISODE>
                <EPISODE><DECOM>2023-06-01</DECOM><RNE>S</RNE><LS>V2</LS><DEC>2023-13-01</DEC><REC>E4A</REC></EPISODE>
                <EPISODE><DECOM>2024-01-01</DECOM><RNE>S</RNE><LS>C2</LS></EPISODE>
                <NOTES>x</NOTES>
                stray words
              </CHILD>
            </EXPSSDA903>
            """.ReplaceLineEndings("\n"));

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", folder.File("xml"), "--out", folder.File("out"));

        Assert.Equal(3, run.ExitCode);
        var errors = File.ReadAllLines(folder.File("out/conversion-errors.txt"));
        Assert.Contains(errors, e => e.StartsWith("return.xml:5:", StringComparison.Ordinal) && e.Contains("COLOUR: is not part of EPISODE in the SSDA903", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("return.xml:6:", StringComparison.Ordinal) && e.Contains("DEC: '2023-13-01' is not a date", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("return.xml:8:", StringComparison.Ordinal) && e.Contains("NOTES: is not part of a CHILD", StringComparison.Ordinal));
        Assert.Equal(3, errors.Length);
        Assert.Contains("903:501:2024-01-01,501,2024-01-01,social_care,care_episode,,care_order", Events());
        Assert.Contains(File.ReadAllLines(folder.File("out/conversion-warnings.txt")), w => w.StartsWith("return.xml:8:", StringComparison.Ordinal) && w.Contains("CHILD: stray text 'stray words' skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Links_place_siblings_in_one_family_with_their_mother_so_her_earlier_removals_count()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            601,1,01/03/2018,WBRI,,,
            602,2,10/06/2021,WBRI,,,
            603,2,10/06/2015,WBRI,,,
            """);
        var input = Write("episodes.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            601,03/03/2018,S,C1,N1,U1,PR1,20/08/2019,E11,,,,
            603,01/02/2023,S,V2,N1,U1,PR1,01/03/2023,E4A,,,,
            """);
        File.WriteAllText(folder.File("links.csv"), """
            child_id,family_id,mother_id,mother_birth_date
            601,F6,M6,1995-05-05
            602,F6,M6,1995-05-05
            603,F7,M7,19/19/1990
            """.ReplaceLineEndings("\n"));

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"), "--links", folder.File("links.csv"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("2 of 3 children placed in families by links.csv (1 mothers linked)", run.Out);
        Assert.Contains("links.csv:4:4: mother_birth_date: '19/19/1990' is not a date", File.ReadAllText(folder.File("out/conversion-errors.txt")));
        var people = File.ReadAllText(folder.File("out/people.csv"));
        Assert.Contains("601,F6,child,2018-03-01,M,WBRI,", people);
        Assert.Contains("602,F6,child,2021-06-10,F,WBRI,", people);
        Assert.Contains("M6,F6,mother,1995-05-05,F,,", people);
        Assert.Contains("603,603,child,2015-06-10,F,WBRI,", people);
        var index = Core.Facts.LinkedDataIndex.Load(folder.File("out"), TimeProvider.System, e => Assert.Fail(e.ToString()));
        var facts = Core.Facts.FamilyFactsBuilder.Build(index.Find("F6")!, new DateOnly(2024, 3, 31));
        Assert.Equal((1, 1), (facts.MotherPriorRemovals, facts.MotherPriorRemovalsAtBirth));
    }

    [Fact]
    public async Task The_uasc_table_marks_unaccompanied_asylum_seekers_who_are_counted_apart_from_the_looked_after_rate()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            701,1,01/01/2008,AOTH,,,
            702,2,01/01/2012,WBRI,,,
            """);
        Write("uasc.csv", """
            CHILD,SEX,DOB,DUC
            701,1,01/01/2008,01/01/2026
            """);
        var input = Write("episodes.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            701,01/06/2023,S,V2,N1,U1,PR1,,,,,,
            702,01/07/2023,S,C2,N1,U1,PR1,,,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"));
        var import = await CliRun.RunAsync("import", folder.File("out"), "--db", $"Data Source={folder.File("store.db")}");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("1 unaccompanied asylum-seeking children (the UASC table) are marked uasc", run.Out);
        Assert.Contains("701,701,child,2008-01-01,M,AOTH,,true", File.ReadAllText(folder.File("out/people.csv")));
        Assert.Contains("702,702,child,2012-01-01,F,WBRI,,", File.ReadAllText(folder.File("out/people.csv")));
        Assert.Equal(0, import.ExitCode);
        await using (var db = Data.StoreConnection.Parse($"Data Source={folder.File("store.db")}").CreateContext())
        {
            Assert.Equal(["701"], db.People.Where(p => p.Uasc).Select(p => p.PersonId).ToList());
        }

        var index = Core.Facts.LinkedDataIndex.Load(folder.File("out"), TimeProvider.System, e => Assert.Fail(e.ToString()));
        Assert.Equal(1, Core.Forecast.FittedRate.LookedAfterAt(index.Families, new DateOnly(2024, 3, 31)));
    }

    [Fact]
    public async Task A_period_of_care_begun_before_the_previous_one_ended_converts_with_a_warning_naming_its_line()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            801,1,01/01/2014,WBRI,,,
            """);
        var input = Write("episodes.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            801,01/01/2022,S,C1,N1,U1,PR1,01/06/2022,E4A,,,,
            801,01/03/2022,S,V2,N1,U1,PR1,01/04/2022,E4A,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 records converted with a warning", run.Out);
        Assert.Contains("episodes.csv:3:1: DECOM: 2022-03-01 begins a period of care before the one from 2022-01-01 ended (2022-06-01); converted as recorded",
            File.ReadAllLines(folder.File("out/conversion-warnings.txt")));
        Assert.Equal(2, Events().Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("care_episode", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_looked_after_girl_who_is_a_mother_is_recorded_as_the_mother_of_her_first_child_and_care_experienced()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            901,2,01/01/2007,WBRI,,1,01/02/2024
            902,2,01/01/2008,WBRI,,1,
            903,1,01/01/2008,WBRI,,0,
            """);
        var input = Write("episodes.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            901,01/06/2023,S,V2,N1,U1,PR1,,,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"));

        Assert.Equal(0, run.ExitCode);
        var people = File.ReadAllText(folder.File("out/people.csv"));
        Assert.Contains("901,901,child,2007-01-01,F,WBRI,,", people);
        Assert.Contains("901,901:family,mother,2007-01-01,F,,true,", people);
        Assert.Contains("901:first_child,901:family,child,2024-02-01,U,,,", people);
        Assert.DoesNotContain("902:family", people);
        Assert.Contains(File.ReadAllLines(folder.File("out/conversion-warnings.txt")), w => w.StartsWith("header.csv:3:7: MC_DOB: '' is not the date of birth of her first child", StringComparison.Ordinal));
        var index = Core.Facts.LinkedDataIndex.Load(folder.File("out"), TimeProvider.System, e => Assert.Fail(e.ToString()));
        var facts = Core.Facts.FamilyFactsBuilder.Build(index.Find("901:family")!, new DateOnly(2024, 3, 31));
        Assert.Equal((17, 17, true, 1), (facts.MotherAge, facts.MotherAgeAtFirstBirth, facts.MotherCareExperienced, facts.ChildrenAtHome));
    }
}
