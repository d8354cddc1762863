using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>
/// Converts a folder of SSDA903 CSV returns (one or several years) into the contract's files: each child
/// of the Header table a person (id "903:CHILD") in a family of its own (the 903 links no child to a
/// parent), each period of care one care_episode. Tables are recognised by their header, not their
/// name; both date styles (DD/MM/YYYY as submitted, YYYY-MM-DD as regional tools write them) and both
/// SEX code sets (1/2, M/F/U) are read; extra LA and YEAR columns are allowed (YEAR decides repeats).
/// A row that cannot be read is rejected naming file, line and field; the rest still converts.
/// Short breaks (V3/V4) are never a removal, so they are not written.
/// </summary>
public static class Ssda903Converter
{
    public const string IdPrefix = "903:";

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];
    private static readonly HashSet<string> Reasons = ["S", "P", "L", "T", "U", "B"];

    public static Ssda903Conversion Convert(string input, string output)
    {
        var files = Directory.Exists(input) ? Directory.GetFiles(input, "*.csv").Order(StringComparer.Ordinal).ToArray() : [input];
        var rejected = new List<RowError>();
        var ignored = new List<string>();
        var children = new Dictionary<string, (DateOnly Birth, string Sex, string? Ethnicity, int Year, string File, long Line)>(StringComparer.Ordinal);
        var episodes = new List<(Ssda903Episode Episode, string File, long Line)>();
        foreach (var file in files)
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
            if (!csv.Read())
            {
                continue;
            }

            var columns = csv.Record!.Select((name, i) => (Name: name.Trim().ToUpperInvariant(), i)).ToDictionary(c => c.Name, c => c.i);
            var name = Path.GetFileName(file);
            var kind = columns.ContainsKey("DECOM") && columns.ContainsKey("RNE") && columns.ContainsKey("LS") ? "episodes"
                : columns.ContainsKey("SEX") && columns.ContainsKey("DOB") && columns.ContainsKey("ETHNIC") ? "header"
                : null;
            if (kind is null)
            {
                ignored.Add(name);
                continue;
            }

            while (csv.Read())
            {
                var line = csv.Row;
                string Cell(string column) => columns.TryGetValue(column, out var i) && i < csv.Record!.Length ? csv.Record[i].Trim() : "";
                void Reject(string column, string reason) => rejected.Add(new RowError(name, line, columns.TryGetValue(column, out var i) ? i + 1 : 0, column, reason));
                var child = Cell("CHILD");
                if (ContractFields.CheckIdentifier(child) is { } bad)
                {
                    Reject("CHILD", bad);
                    continue;
                }

                var year = int.TryParse(Cell("YEAR"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
                if (kind == "header")
                {
                    var sex = Cell("SEX").ToUpperInvariant() switch { "1" or "M" => "M", "2" or "F" => "F", "U" or "0" or "9" => "U", _ => null };
                    if (sex is null)
                    {
                        Reject("SEX", $"'{ContractFields.Shorten(Cell("SEX"))}' is not a SEX code (1 or 2 before 2024/25; M, F or U after)");
                    }
                    else if (!TryDate(Cell("DOB"), out var birth))
                    {
                        Reject("DOB", $"'{ContractFields.Shorten(Cell("DOB"))}' is not a date (DD/MM/YYYY or YYYY-MM-DD)");
                    }
                    else if (!children.TryGetValue(child, out var known) || year >= known.Year)
                    {
                        var ethnic = Cell("ETHNIC");
                        children[child] = (birth, sex, ethnic.Length == 0 ? null : ethnic.ToUpperInvariant(), year, name, line);
                    }

                    continue;
                }

                if (!TryDate(Cell("DECOM"), out var start))
                {
                    Reject("DECOM", $"'{ContractFields.Shorten(Cell("DECOM"))}' is not a date (DD/MM/YYYY or YYYY-MM-DD)");
                    continue;
                }

                var rne = Cell("RNE").ToUpperInvariant();
                var ls = Cell("LS").ToUpperInvariant();
                var decText = Cell("DEC");
                var rec = Cell("REC").ToUpperInvariant();
                DateOnly? end = null;
                var endReadable = decText.Length == 0;
                if (!endReadable && TryDate(decText, out var ended))
                {
                    (end, endReadable) = (ended, true);
                }

                if (!Reasons.Contains(rne))
                {
                    Reject("RNE", $"'{ContractFields.Shorten(rne)}' is not a reason for a new episode (S, P, L, T, U or B)");
                }
                else if (!Ssda903Codes.IsLegalStatus(ls))
                {
                    Reject("LS", $"'{ContractFields.Shorten(ls)}' is not a legal status (C1, C2, D1, E1, V2, V3, V4, L1, L2, L3, J1, J2, J3)");
                }
                else if (!endReadable)
                {
                    Reject("DEC", $"'{ContractFields.Shorten(decText)}' is not a date (DD/MM/YYYY or YYYY-MM-DD)");
                }
                else if (end < start)
                {
                    Reject("DEC", $"{ContractFields.Iso(end!.Value)} is before the episode began ({ContractFields.Iso(start)})");
                }
                else if (rec.Length > 0 && rec != "X1" && Ssda903Codes.EndReason(rec, null, null) is null)
                {
                    Reject("REC", $"'{ContractFields.Shorten(rec)}' is not a reason an episode ceased (X1 or an E code)");
                }
                else if (end is not null && rec.Length == 0)
                {
                    Reject("REC", "blank, but the episode has an end date (DEC)");
                }
                else
                {
                    episodes.Add((new Ssda903Episode(child, start, rne, ls, end, rec.Length == 0 ? null : rec, year == 0 ? null : year), name, line));
                }
            }
        }

        foreach (var (episode, file, line) in episodes.Where(e => !children.ContainsKey(e.Episode.Child)))
        {
            rejected.Add(new RowError(file, line, 1, "CHILD", $"'{episode.Child}' has episodes but is not in the Header table"));
        }

        var kept = episodes.Where(e => children.ContainsKey(e.Episode.Child)).Select(e => e.Episode).ToList();
        var periods = CarePeriods.Build(kept, children.ToDictionary(c => c.Key, c => c.Value.Birth, StringComparer.Ordinal));
        var shortBreaks = periods.Count(p => Ssda903Codes.IsShortBreak(p.LegalStatus));
        var written = periods.Where(p => !Ssda903Codes.IsShortBreak(p.LegalStatus)).ToList();
        Write(output, children.ToDictionary(c => c.Key, c => (c.Value.Birth, c.Value.Sex, c.Value.Ethnicity), StringComparer.Ordinal), written);
        return new Ssda903Conversion(children.Count, episodes.Count, written.Count, written.Count(p => p.LeftCensored), shortBreaks, ignored, rejected);
    }

    private static void Write(string output, Dictionary<string, (DateOnly Birth, string Sex, string? Ethnicity)> children, IReadOnlyList<CarePeriod> periods)
    {
        Directory.CreateDirectory(output);
        var ordered = children.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        WriteCsv(Path.Combine(output, ContractReader.FamiliesFile), ["family_id", "local_area", "deprivation_decile"],
            ordered.Select(c => new[] { IdPrefix + c.Key, "", "" }));
        WriteCsv(Path.Combine(output, ContractReader.PeopleFile), ["person_id", "family_id", "role", "birth_date", "sex", "ethnicity", "care_experienced"],
            ordered.Select(c => new[] { IdPrefix + c.Key, IdPrefix + c.Key, "child", ContractFields.Iso(c.Value.Birth), c.Value.Sex, c.Value.Ethnicity ?? "", "" }));
        WriteCsv(Path.Combine(output, ContractReader.EventsFile), ["event_id", "person_id", "date", "source", "type", "end_date", "detail"],
            periods.Select(p => new[]
            {
                $"{IdPrefix}{p.Child}:{ContractFields.Iso(p.Start)}", IdPrefix + p.Child, ContractFields.Iso(p.Start), "social_care", "care_episode",
                p.End is { } end ? ContractFields.Iso(end) : "", p.Detail,
            }));
    }

    private static void WriteCsv(string path, string[] header, IEnumerable<string[]> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var row in rows.Prepend(header))
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }
    }

    private static bool TryDate(string text, out DateOnly date) => DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
