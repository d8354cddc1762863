using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>
/// Converts a folder of Standard Safeguarding Dataset tables (one CSV per ssd_* table, with the SSD's
/// own column names, recognised by their columns) into the contract's files. The SSD is the one
/// source with families and mothers: ssd_family places each person in a family, ssd_mother makes a
/// woman her children's mother. Contacts, early help, referrals (NFA ones are contacts), assessment
/// factors (dated at authorisation), CIN plans, section 47 enquiries, child protection plans (initial
/// category) and periods of care (ssd_cla_episodes joined as the 903's are, with the legal status at
/// their start from ssd_legal_status) become events. A row that cannot be read is rejected naming
/// file, line, column and field; the rest still converts.
/// </summary>
public static class SsdConverter
{
    public const string IdPrefix = "ssd:";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss", "dd/MM/yyyy"];

    /// <summary>Each table read, by the column that names it.</summary>
    private static readonly Dictionary<string, string> TableKeys = new(StringComparer.Ordinal)
    {
        ["pers_person_id"] = "ssd_person", ["fami_family_id"] = "ssd_family", ["moth_childs_person_id"] = "ssd_mother",
        ["cont_contact_id"] = "ssd_contacts", ["earl_episode_id"] = "ssd_early_help_episodes", ["cine_referral_id"] = "ssd_cin_episodes",
        ["cina_assessment_id"] = "ssd_cin_assessments", ["cinf_assessment_factors_json"] = "ssd_assessment_factors",
        ["cinp_cin_plan_id"] = "ssd_cin_plans", ["s47e_s47_enquiry_id"] = "ssd_s47_enquiry", ["cppl_cp_plan_id"] = "ssd_cp_plans",
        ["clae_cla_episode_id"] = "ssd_cla_episodes", ["lega_legal_status_id"] = "ssd_legal_status", ["miss_missing_episode_start_date"] = "ssd_missing",
    };

    /// <param name="prefixIds">Write person ids as "ssd:ID" rather than the bare pers_person_id (bare, the SSD joins the 903 and the CIN census on the child).</param>
    public static SsdConversion Convert(string input, string output, bool prefixIds = false)
    {
        var prefix = prefixIds ? IdPrefix : "";
        var files = Directory.Exists(input) ? Directory.GetFiles(input, "*.csv").Order(StringComparer.Ordinal).ToArray() : [input];
        var rejected = new List<RowError>();
        var ignored = new List<string>();
        var tables = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (table, rows) = Read(file);
            if (table is null)
            {
                ignored.Add(Path.GetFileName(file));
                continue;
            }

            (tables.TryGetValue(table, out var list) ? list : tables[table] = []).AddRange(rows);
        }

        List<Row> Table(string name) => tables.GetValueOrDefault(name) ?? [];
        bool Id(Row row, string column, out string id)
        {
            id = row[column];
            if (ContractFields.CheckIdentifier(id) is { } bad)
            {
                rejected.Add(row.Error(column, bad));
                return false;
            }

            return true;
        }

        bool Date(Row row, string column, out DateOnly date, bool required = true)
        {
            var text = row[column];
            date = default;
            if (text.Length == 0 && !required)
            {
                return false;
            }

            var iso = text.Length > 10 && text[4] == '-' ? text[..10] : text;
            if (DateOnly.TryParseExact(iso, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return true;
            }

            rejected.Add(row.Error(column, text.Length == 0 ? "is required" : $"'{ContractFields.Shorten(text)}' is not a date (YYYY-MM-DD)"));
            return false;
        }

        // People: everyone in ssd_person with a date of birth; mothers are the women ssd_mother names.
        var people = new Dictionary<string, (DateOnly Birth, string Sex, string? Ethnicity)>(StringComparer.Ordinal);
        foreach (var row in Table("ssd_person"))
        {
            if (!Id(row, "pers_person_id", out var id))
            {
                continue;
            }

            var sex = row["pers_sex"].ToUpperInvariant() switch { "F" or "2" => "F", "M" or "1" => "M", "U" or "" or "0" or "9" => "U", _ => null };
            if (sex is null)
            {
                rejected.Add(row.Error("pers_sex", $"'{ContractFields.Shorten(row["pers_sex"])}' is not a sex code (F, M or U)"));
            }
            else if (Date(row, "pers_dob", out var birth))
            {
                var ethnicity = row["pers_ethnicity"].ToUpperInvariant();
                people[id] = (birth, sex, ethnicity.Length == 0 ? null : ethnicity);
            }
        }

        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Table("ssd_family"))
        {
            if (Id(row, "fami_family_id", out var family) && Id(row, "fami_person_id", out var person))
            {
                families.TryAdd(person, family);
            }
        }

        var mothers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Table("ssd_mother"))
        {
            if (Id(row, "moth_person_id", out var mother) && Id(row, "moth_childs_person_id", out var child))
            {
                mothers.TryAdd(child, mother);
            }
        }

        var events = new Dictionary<string, ConvertedEvent>(StringComparer.Ordinal);
        void Add(Row row, string person, string kind, string key, DateOnly date, EventType type, DateOnly? end, string detail)
        {
            if (!people.ContainsKey(person))
            {
                rejected.Add(row.Error(row.PersonColumn, $"'{person}' is not in ssd_person"));
                return;
            }

            var eventId = $"{IdPrefix}{kind}:{key}";
            events[eventId] = new ConvertedEvent(eventId, prefix + person, date, type, end, detail);
        }

        bool Ended(Row row, string column, DateOnly start, out DateOnly? end)
        {
            end = null;
            if (!Date(row, column, out var e, required: false))
            {
                return row[column].Length == 0;
            }

            if (e < start)
            {
                rejected.Add(row.Error(column, $"{ContractFields.Iso(e)} is before it began ({ContractFields.Iso(start)})"));
                return false;
            }

            end = e;
            return true;
        }

        foreach (var row in Table("ssd_contacts").Select(r => r with { PersonColumn = "cont_person_id" }))
        {
            if (Id(row, "cont_contact_id", out var key) && Id(row, "cont_person_id", out var person) && Date(row, "cont_contact_date", out var date))
            {
                Add(row, person, "contact", key, date, EventType.Contact, null, "");
            }
        }

        foreach (var row in Table("ssd_early_help_episodes").Select(r => r with { PersonColumn = "earl_person_id" }))
        {
            if (Id(row, "earl_episode_id", out var key) && Id(row, "earl_person_id", out var person) && Date(row, "earl_episode_start_date", out var start)
                && Ended(row, "earl_episode_end_date", start, out var end))
            {
                Add(row, person, "early_help", key, start, EventType.EarlyHelpEpisode, end, "");
            }
        }

        foreach (var row in Table("ssd_cin_episodes").Select(r => r with { PersonColumn = "cine_person_id" }))
        {
            if (Id(row, "cine_referral_id", out var key) && Id(row, "cine_person_id", out var person) && Date(row, "cine_referral_date", out var date))
            {
                var nfa = row["cine_referral_nfa"].ToUpperInvariant() is "Y" or "1" or "TRUE" or "YES";
                Add(row, person, "referral", key, date, nfa ? EventType.Contact : EventType.Referral, null, "");
            }
        }

        var factorsByAssessment = new Dictionary<string, List<(string Code, Row Row)>>(StringComparer.Ordinal);
        foreach (var row in Table("ssd_assessment_factors"))
        {
            if (!Id(row, "cinf_assessment_id", out var assessment))
            {
                continue;
            }

            if (Factors(row["cinf_assessment_factors_json"]) is not { } codes)
            {
                rejected.Add(row.Error("cinf_assessment_factors_json", $"'{ContractFields.Shorten(row["cinf_assessment_factors_json"])}' is not a JSON list of factor codes such as [\"1B\",\"3A\"]"));
                continue;
            }

            var list = factorsByAssessment.TryGetValue(assessment, out var l) ? l : factorsByAssessment[assessment] = [];
            list.AddRange(codes.Select(c => (c, row)));
        }

        var notAuthorised = 0;
        foreach (var row in Table("ssd_cin_assessments").Select(r => r with { PersonColumn = "cina_person_id" }))
        {
            if (!Id(row, "cina_assessment_id", out var key) || !Id(row, "cina_person_id", out var person))
            {
                continue;
            }

            if (row["cina_assessment_auth_date"].Length == 0)
            {
                notAuthorised++;
                continue;
            }

            if (!Date(row, "cina_assessment_auth_date", out var authorised))
            {
                continue;
            }

            foreach (var (code, factorRow) in factorsByAssessment.GetValueOrDefault(key) ?? [])
            {
                if (!Vocabulary.TryParseDetail(EventType.AssessmentFactor, code, out _, out var normalised, out _) || normalised.Length == 0)
                {
                    rejected.Add(factorRow.Error("cinf_assessment_factors_json", $"'{ContractFields.Shorten(code)}' is not a DfE assessment factor code"));
                }
                else if (normalised != CinCensusConverter.NoFactors)
                {
                    Add(row, person, "factor", $"{key}:{normalised}", authorised, EventType.AssessmentFactor, null, normalised);
                }
            }
        }

        foreach (var row in Table("ssd_cin_plans").Select(r => r with { PersonColumn = "cinp_person_id" }))
        {
            if (Id(row, "cinp_cin_plan_id", out var key) && Id(row, "cinp_person_id", out var person) && Date(row, "cinp_cin_plan_start_date", out var start)
                && Ended(row, "cinp_cin_plan_end_date", start, out var end))
            {
                Add(row, person, "cin_plan", key, start, EventType.ChildInNeedPlan, end, "");
            }
        }

        foreach (var row in Table("ssd_s47_enquiry").Select(r => r with { PersonColumn = "s47e_person_id" }))
        {
            if (Id(row, "s47e_s47_enquiry_id", out var key) && Id(row, "s47e_person_id", out var person) && Date(row, "s47e_s47_start_date", out var start))
            {
                Add(row, person, "s47", key, start, EventType.Section47Enquiry, null, "");
            }
        }

        foreach (var row in Table("ssd_cp_plans").Select(r => r with { PersonColumn = "cppl_person_id" }))
        {
            if (!Id(row, "cppl_cp_plan_id", out var key) || !Id(row, "cppl_person_id", out var person) || !Date(row, "cppl_cp_plan_start_date", out var start)
                || !Ended(row, "cppl_cp_plan_end_date", start, out var end))
            {
                continue;
            }

            if (Category(row["cppl_cp_plan_initial_category"]) is { } category)
            {
                Add(row, person, "cp_plan", key, start, EventType.ChildProtectionPlan, end, category);
            }
            else
            {
                rejected.Add(row.Error("cppl_cp_plan_initial_category", $"'{ContractFields.Shorten(row["cppl_cp_plan_initial_category"])}' is not a category of abuse (Neglect, Physical, Emotional, Sexual or Multiple)"));
            }
        }

        foreach (var row in Table("ssd_missing").Select(r => r with { PersonColumn = "miss_person_id" }))
        {
            if (!Id(row, "miss_person_id", out var person) || !Date(row, "miss_missing_episode_start_date", out var start) || !Ended(row, "miss_missing_episode_end_date", start, out _))
            {
                continue;
            }

            var type = row["miss_missing_episode_type"].ToUpperInvariant();
            if (type is "M" or "A")
            {
                Add(row, person, "missing", $"{person}:{ContractFields.Iso(start)}", start, EventType.MissingFromCare, null, type == "M" ? "missing" : "away");
            }
            else
            {
                rejected.Add(row.Error("miss_missing_episode_type", $"'{ContractFields.Shorten(type)}' is not M (missing) or A (away without authorisation)"));
            }
        }

        var (periods, leftCensored) = CarePeriodsOf(Table("ssd_cla_episodes"), Table("ssd_legal_status"), people, rejected, Id, Date);
        foreach (var (period, row) in periods)
        {
            Add(row, period.Child, "care", $"{period.Child}:{ContractFields.Iso(period.Start)}", period.Start, EventType.CareEpisode, period.End, period.Detail);
            if (period.LeftCensored)
            {
                Add(row, period.Child, "care_start_unknown", $"{period.Child}:{ContractFields.Iso(period.Start)}", period.Start, EventType.CareStartUnknown, null, "");
            }
        }

        // A person is written as a mother when ssd_mother names her, otherwise as a child; each in her ssd_family family, or one of her own.
        var motherIds = mothers.Values.ToHashSet(StringComparer.Ordinal);
        var motherFamilies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (child, mother) in mothers.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (families.TryGetValue(child, out var family))
            {
                motherFamilies.TryAdd(mother, family);
            }
        }

        // A child with no ssd_family row goes with its mother; anyone else with neither is a family of their own.
        string FamilyOf(string person) =>
            families.GetValueOrDefault(person) ?? motherFamilies.GetValueOrDefault(person)
            ?? (mothers.TryGetValue(person, out var mother) ? families.GetValueOrDefault(mother) ?? motherFamilies.GetValueOrDefault(mother) : null)
            ?? person;
        var children = people.Where(p => !motherIds.Contains(p.Key)).Select(p => new ConvertedChild(prefix + p.Key, prefix + FamilyOf(p.Key), p.Value.Birth, p.Value.Sex, p.Value.Ethnicity)).ToList();
        var links = ChildLinks.From(
            people.Where(p => !motherIds.Contains(p.Key)).Select(p => (prefix + p.Key, prefix + FamilyOf(p.Key))),
            motherIds.Where(people.ContainsKey).Select(m => (prefix + m, prefix + FamilyOf(m), people[m].Birth)));
        ContractOutput.Write(output, children, events.Values.OrderBy(e => e.EventId, StringComparer.Ordinal), links);
        return new SsdConversion(
            people.Count, motherIds.Count(people.ContainsKey), children.Select(c => c.FamilyId).Distinct(StringComparer.Ordinal).Count(),
            events.Count, periods.Count, leftCensored, notAuthorised, [.. tables.Keys.Order(StringComparer.Ordinal)], ignored, rejected);
    }

    private static (List<(CarePeriod Period, Row Row)> Periods, int LeftCensored) CarePeriodsOf(
        List<Row> episodes, List<Row> statuses, Dictionary<string, (DateOnly Birth, string Sex, string? Ethnicity)> people, List<RowError> rejected,
        IdReader id, DateReader date)
    {
        var legal = new Dictionary<string, List<(DateOnly Start, string Status)>>(StringComparer.Ordinal);
        foreach (var row in statuses)
        {
            if (id(row, "lega_person_id", out var person) && date(row, "lega_legal_status_start_date", out var start, true))
            {
                if (!Ssda903Codes.IsLegalStatus(row["lega_legal_status"]))
                {
                    rejected.Add(row.Error("lega_legal_status", $"'{ContractFields.Shorten(row["lega_legal_status"])}' is not a legal status (C1, C2, D1, E1, V2, V3, V4, L1, L2, L3, J1, J2, J3)"));
                    continue;
                }

                (legal.TryGetValue(person, out var l) ? l : legal[person] = []).Add((start, row["lega_legal_status"].ToUpperInvariant()));
            }
        }

        var read = new List<(Ssda903Episode Episode, Row Row)>();
        foreach (var row in episodes.Select(r => r with { PersonColumn = "clae_person_id" }))
        {
            if (!id(row, "clae_person_id", out var person) || !date(row, "clae_cla_episode_start_date", out var start, true))
            {
                continue;
            }

            DateOnly? end = null;
            if (row["clae_cla_episode_ceased_date"].Length > 0)
            {
                if (!date(row, "clae_cla_episode_ceased_date", out var e, true))
                {
                    continue;
                }

                end = e;
            }

            var status = legal.GetValueOrDefault(person)?.Where(l => l.Start <= start).OrderBy(l => l.Start).Select(l => l.Status).LastOrDefault();
            if (status is null)
            {
                rejected.Add(row.Error("clae_cla_episode_start_date", $"no legal status in ssd_legal_status for '{person}' on or before {ContractFields.Iso(start)}"));
                continue;
            }

            var rne = row["clae_cla_episode_start_reason"].ToUpperInvariant();
            var rec = row["clae_cla_episode_ceased_reason"].ToUpperInvariant();
            if (!people.ContainsKey(person))
            {
                rejected.Add(row.Error("clae_person_id", $"'{person}' is not in ssd_person"));
            }
            else if (end < start)
            {
                rejected.Add(row.Error("clae_cla_episode_ceased_date", $"{ContractFields.Iso(end!.Value)} is before the episode began ({ContractFields.Iso(start)})"));
            }
            else
            {
                read.Add((new Ssda903Episode(person, start, rne.Length == 0 ? "S" : rne, status, end, rec.Length == 0 ? null : rec), row));
            }
        }

        var periods = CarePeriods.Build([.. read.Select(r => r.Episode)], people.ToDictionary(p => p.Key, p => p.Value.Birth, StringComparer.Ordinal));
        var firstRow = read.GroupBy(r => (r.Episode.Child, r.Episode.Start)).ToDictionary(g => g.Key, g => g.First().Row);
        var written = periods.Select(p => (p, firstRow.GetValueOrDefault((p.Child, p.Start)) ?? read[0].Row)).ToList();
        return (written, written.Count(p => p.p.LeftCensored));
    }

    /// <summary>The factor codes of an ssd_assessment_factors row: a JSON list (["1B","3A"]) or an object of code to "Yes".</summary>
    private static IReadOnlyList<string>? Factors(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Length == 0 ? "[]" : json);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Array when document.RootElement.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String) => [.. document.RootElement.EnumerateArray().Select(e => e.GetString()!.Trim())],
                JsonValueKind.Object => [.. document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String && p.Value.GetString()!.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase)).Select(p => p.Name.Trim())],
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The SSD writes categories as text ("Neglect", "Physical abuse", "Multiple: ..."); the CIN census's codes are accepted too.</summary>
    private static string? Category(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return t switch
        {
            _ when t.StartsWith("neglect", StringComparison.Ordinal) || t == "neg" => "neglect",
            _ when t.StartsWith("physical", StringComparison.Ordinal) || t == "phy" => "physical",
            _ when t.StartsWith("emotional", StringComparison.Ordinal) || t == "emo" => "emotional",
            _ when t.StartsWith("sexual", StringComparison.Ordinal) || t == "sab" => "sexual",
            _ when t.StartsWith("multiple", StringComparison.Ordinal) || t == "mul" => "multiple",
            _ => null,
        };
    }

    private static (string? Table, List<Row> Rows) Read(string file)
    {
        var name = Path.GetFileName(file);
        using var reader = new StreamReader(file, Encoding.UTF8);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read())
        {
            return (null, []);
        }

        var columns = csv.Record!.Select((c, i) => (Name: c.Trim().ToLowerInvariant(), i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
        var table = TableKeys.Where(k => columns.ContainsKey(k.Key)).Select(k => k.Value).FirstOrDefault();
        if (table is null)
        {
            return (null, []);
        }

        var rows = new List<Row>();
        while (csv.Read())
        {
            rows.Add(new Row(name, csv.Row, columns, csv.Record!.Select(v => v.Trim()).ToArray(), ""));
        }

        return (table, rows);
    }

    private delegate bool IdReader(Row row, string column, out string id);

    private delegate bool DateReader(Row row, string column, out DateOnly date, bool required);

    /// <summary>One row of an SSD table: its cells by column name, and where it is, for errors.</summary>
    private sealed record Row(string File, long Line, Dictionary<string, int> Columns, string[] Cells, string PersonColumn)
    {
        public string this[string column] => Columns.TryGetValue(column, out var i) && i < Cells.Length ? Cells[i] : "";

        public RowError Error(string column, string reason) => new(File, Line, Columns.TryGetValue(column, out var i) ? i + 1 : 0, column, reason);
    }
}
