using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>
/// Converts a folder of SSDA903 returns, CSV tables or XML (one or several years), into the contract's files: each child
/// of the Header table a person (id CHILD, or "903:CHILD") in a family of its own (the 903 links no child
/// to a parent), each period of care one care_episode (event id "903:CHILD:start"). Tables are recognised by their header, not their
/// name; both date styles (DD/MM/YYYY as submitted, YYYY-MM-DD as regional tools write them) and both
/// SEX code sets (1/2, M/F/U) are read; extra LA and YEAR columns are allowed (YEAR decides repeats).
/// A row that cannot be read is rejected naming file, line and field; the rest still converts.
/// Short breaks (V3/V4) are written as short_breaks: never a removal, never looked after, never an outcome.
/// </summary>
public static class Ssda903Converter
{
    public const string IdPrefix = "903:";

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];
    private static readonly HashSet<string> Reasons = ["S", "P", "L", "T", "U", "B"];

    /// <summary>The XML's own leaves of HEADER and EPISODE (nested tables such as AREVIEW or OC2 are passed over).</summary>
    private static readonly HashSet<string> HeaderElements = ["CHILDID", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "DUC"];

    private static readonly HashSet<string> EpisodeElements = ["DECOM", "RNE", "LS", "CIN", "PL", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"];

    /// <param name="prefixIds">Write person ids as "903:CHILD" rather than the bare CHILD (bare, the 903, the CIN census and the SSD join on the child).</param>
    /// <exception cref="ContractFileException">An XML file is not well-formed; the message names its line.</exception>
    /// <param name="links">Families and mothers for the children (--links); null: each child a family of its own.</param>
    public static Ssda903Conversion Convert(string input, string output, bool prefixIds = false, ChildLinks? links = null)
    {
        var person = prefixIds ? IdPrefix : "";
        var files = Directory.Exists(input)
            ? Directory.GetFiles(input).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray()
            : [input];
        var rejected = new List<RowError>();
        var warnings = new List<RowError>();
        var ignored = new List<string>();
        var children = new Dictionary<string, (DateOnly Birth, string Sex, string? Ethnicity, int Year, string File, long Line)>(StringComparer.Ordinal);
        var episodes = new List<(Ssda903Episode Episode, string File, long Line)>();
        var uasc = new HashSet<string>(StringComparer.Ordinal);
        var missing = new Dictionary<(string Child, DateOnly Start), (string Detail, string File, long Line)>();
        var firstChildBirths = new Dictionary<string, DateOnly>(StringComparer.Ordinal);

        // One record of either table, however it was stored: its cells by column name, and where each is.
        void Read(string kind, string name, long line, Func<string, string> Cell, Func<string, (long Line, int Column)> placeOf)
        {
            // MOTHER = 1: the looked-after girl is herself a mother, her first child born on MC_DOB.
            void MotherhoodOf(string child, string sex, DateOnly birth, long at)
            {
                var mother = Cell("MOTHER");
                firstChildBirths.Remove(child);
                if (mother is "" or "0")
                {
                    return;
                }

                var (position, mcPosition) = (placeOf("MOTHER"), placeOf("MC_DOB"));
                if (mother != "1")
                {
                    warnings.Add(new RowError(name, position.Line, position.Column, "MOTHER", $"'{ContractFields.Shorten(mother)}' is not 0 or 1; not recorded as a mother"));
                }
                else if (sex != "F")
                {
                    warnings.Add(new RowError(name, position.Line, position.Column, "MOTHER", "is 1 for a child whose SEX is not female; not recorded as a mother"));
                }
                else if (!TryDate(Cell("MC_DOB"), out var firstChild) || firstChild <= birth)
                {
                    warnings.Add(new RowError(name, mcPosition.Line, mcPosition.Column, "MC_DOB",
                        $"'{ContractFields.Shorten(Cell("MC_DOB"))}' is not the date of birth of her first child (DD/MM/YYYY or YYYY-MM-DD, after her own); not recorded as a mother"));
                }
                else
                {
                    firstChildBirths[child] = firstChild;
                }
            }

            void Reject(string column, string reason)
            {
                var (at, position) = placeOf(column);
                rejected.Add(new RowError(name, at, position, column, reason));
            }

            var child = Cell("CHILD");
            if (ContractFields.CheckIdentifier(child) is { } bad)
            {
                Reject("CHILD", bad);
                return;
            }

            var year = int.TryParse(Cell("YEAR"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
            if (kind == "uasc" || (kind == "header" && Cell("DUC").Length > 0))
            {
                // The UASC table (or an XML HEADER's DUC) marks an unaccompanied asylum-seeking child; the Header still gives the child.
                uasc.Add(child);
            }

            if (kind == "uasc")
            {
                return;
            }

            if (kind == "missing")
            {
                // A looked-after child missing (M) or away without authorisation (A): dated at its start.
                var code = Cell("MISSING").ToUpperInvariant();
                if (code is not ("M" or "A"))
                {
                    Reject("MISSING", $"'{ContractFields.Shorten(code)}' is not M (missing) or A (away from placement without authorisation)");
                }
                else if (!TryDate(Cell("MIS_START"), out var missingFrom))
                {
                    Reject("MIS_START", $"'{ContractFields.Shorten(Cell("MIS_START"))}' is not a date (DD/MM/YYYY or YYYY-MM-DD)");
                }
                else if (Cell("MIS_END").Length > 0 && !TryDate(Cell("MIS_END"), out _))
                {
                    Reject("MIS_END", $"'{ContractFields.Shorten(Cell("MIS_END"))}' is not a date (DD/MM/YYYY or YYYY-MM-DD)");
                }
                else if (TryDate(Cell("MIS_END"), out var missingTo) && missingTo < missingFrom)
                {
                    Reject("MIS_END", $"{ContractFields.Iso(missingTo)} is before the episode began ({ContractFields.Iso(missingFrom)})");
                }
                else
                {
                    missing[(child, missingFrom)] = (code == "M" ? "missing" : "away", name, line);
                }

                return;
            }

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
                    MotherhoodOf(child, sex, birth, line);
                }

                return;
            }

            if (!TryDate(Cell("DECOM"), out var start))
            {
                Reject("DECOM", $"'{ContractFields.Shorten(Cell("DECOM"))}' is not a date (DD/MM/YYYY or YYYY-MM-DD)");
                return;
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

        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                ReadXml(file, name, ignored, rejected, warnings, Read);
                continue;
            }

            using var reader = new StreamReader(file, Encoding.UTF8);
            using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
            if (!csv.Read())
            {
                continue;
            }

            var columns = csv.Record!.Select((column, i) => (Name: column.Trim().ToUpperInvariant(), i)).ToDictionary(c => c.Name, c => c.i);
            var kind = columns.ContainsKey("DECOM") && columns.ContainsKey("RNE") && columns.ContainsKey("LS") ? "episodes"
                : columns.ContainsKey("DUC") && columns.ContainsKey("CHILD") ? "uasc"
                : columns.ContainsKey("MIS_START") && columns.ContainsKey("CHILD") ? "missing"
                : columns.ContainsKey("SEX") && columns.ContainsKey("DOB") && columns.ContainsKey("ETHNIC") ? "header"
                : null;
            if (kind is null)
            {
                ignored.Add(name);
                continue;
            }

            while (csv.Read())
            {
                Read(kind, name, csv.Row, column => columns.TryGetValue(column, out var i) && i < csv.Record!.Length ? csv.Record[i].Trim() : "", column => (csv.Row, columns.TryGetValue(column, out var i) ? i + 1 : 0));
            }
        }

        foreach (var (episode, file, line) in episodes.Where(e => !children.ContainsKey(e.Episode.Child)))
        {
            rejected.Add(new RowError(file, line, 1, "CHILD", $"'{episode.Child}' has episodes but is not in the Header table"));
        }

        var kept = episodes.Where(e => children.ContainsKey(e.Episode.Child)).Select(e => e.Episode).ToList();
        var periods = CarePeriods.Build(kept, children.ToDictionary(c => c.Key, c => c.Value.Birth, StringComparer.Ordinal));

        // Readable but inconsistent: a period of care that begins before the child's previous one ended converts, with a warning.
        var firstLines = episodes.GroupBy(e => (e.Episode.Child, e.Episode.Start)).ToDictionary(g => g.Key, g => (g.Last().File, g.Last().Line));
        foreach (var child in periods.GroupBy(p => p.Child))
        {
            CarePeriod? previous = null;
            foreach (var period in child.OrderBy(p => p.Start))
            {
                if (previous is not null && (previous.End is null || previous.End > period.Start) && firstLines.TryGetValue((period.Child, period.Start), out var at))
                {
                    warnings.Add(new RowError(at.File, at.Line, 1, "DECOM",
                        $"{ContractFields.Iso(period.Start)} begins a period of care before the one from {ContractFields.Iso(previous.Start)} ended ({(previous.End is { } e ? ContractFields.Iso(e) : "still open")}); converted as recorded"));
                }

                previous = period;
            }
        }
        var shortBreaks = periods.Count(p => Ssda903Codes.IsShortBreak(p.LegalStatus));
        var written = periods;
        ContractOutput.Write(
            output,
            children.Select(c => new ConvertedChild(person + c.Key, person + c.Key, c.Value.Birth, c.Value.Sex, c.Value.Ethnicity, uasc.Contains(c.Key)))
                .Concat(children.Where(c => firstChildBirths.ContainsKey(c.Key))
                .Select(c => new ConvertedChild($"{person}{c.Key}:first_child", $"{person}{c.Key}:family", firstChildBirths[c.Key], "U", null))),
            written.Select(p => new ConvertedEvent($"{IdPrefix}{p.Child}:{ContractFields.Iso(p.Start)}", person + p.Child, p.Start, EventType.CareEpisode, p.End, p.Detail))
                .Concat(written.Where(p => p.LeftCensored).Select(p => new ConvertedEvent($"{IdPrefix}{p.Child}:{ContractFields.Iso(p.Start)}:start_unknown", person + p.Child, p.Start, EventType.CareStartUnknown, null, "")))
                .Concat(missing.Where(m => children.ContainsKey(m.Key.Child)).OrderBy(m => m.Key.Child, StringComparer.Ordinal).ThenBy(m => m.Key.Start)
                    .Select(m => new ConvertedEvent($"{IdPrefix}{m.Key.Child}:{ContractFields.Iso(m.Key.Start)}:missing", person + m.Key.Child, m.Key.Start, EventType.MissingFromCare, null, m.Value.Detail))),
            links,
            children.Where(c => firstChildBirths.ContainsKey(c.Key)).Select(c => new ConvertedMother(person + c.Key, $"{person}{c.Key}:family", c.Value.Birth, CareExperienced: true)));
        return new Ssda903Conversion(children.Count, episodes.Count, written.Count - shortBreaks, written.Count(p => p.LeftCensored), shortBreaks, ignored, rejected,
            links?.Linked(children.Keys.Select(c => person + c)) ?? 0, children.Keys.Count(uasc.Contains), warnings);
    }

    /// <summary>
    /// The 903 as one XML file: EXPSSDA903 holds a CHILD per child, with its HEADER and its EPISODEs;
    /// CHILDID and PL are the CSV's CHILD and PLACE. Each HEADER and EPISODE is read as a row of its
    /// table, so CSV and XML give the same events. An element out of place is rejected with its record.
    /// </summary>
    private static void ReadXml(string file, string name, List<string> ignored, List<RowError> rejected, List<RowError> warnings, Action<string, string, long, Func<string, string>, Func<string, (long, int)>> read)
    {
        var document = ReturnXml.Load(file);
        if (document.Root is not { Name.LocalName: "EXPSSDA903" } root)
        {
            ignored.Add(name);
            return;
        }

        void Reject(XElement element, string reason) => rejected.Add(ReturnXml.Error(name, element, element.Name.LocalName, reason));
        // Text outside any field is nobody's value: skipped, and said.
        foreach (var text in root.DescendantNodes().OfType<XText>().Where(t => t.Parent is { HasElements: true } && !string.IsNullOrWhiteSpace(t.Value)))
        {
            warnings.Add(ReturnXml.Error(name, text, text.Parent!.Name.LocalName, $"stray text '{ContractFields.Shorten(text.Value.Trim())}' skipped"));
        }

        foreach (var child in root.Elements())
        {
            if (child.Name.LocalName != "CHILD")
            {
                Reject(child, "is not a CHILD: only CHILD elements belong in EXPSSDA903");
                continue;
            }

            var header = child.Elements().FirstOrDefault(e => e.Name.LocalName == "HEADER");
            var id = header?.Elements().FirstOrDefault(e => e.Name.LocalName == "CHILDID")?.Value.Trim() ?? "";
            foreach (var record in child.Elements())
            {
                var (kind, leaves, renamed) = record.Name.LocalName switch
                {
                    "HEADER" => ("header", HeaderElements, "CHILDID"),
                    "EPISODE" => ("episodes", EpisodeElements, null),
                    _ => (null, null, null),
                };
                if (kind is null)
                {
                    Reject(record, "is not part of a CHILD in the SSDA903 (HEADER and EPISODE are)");
                    continue;
                }

                // A nested table (AREVIEW, AMISSING, OC2, ...) is not needed; a stray leaf is out of place, and its record goes with it.
                if (record.Elements().FirstOrDefault(e => !e.HasElements && !leaves!.Contains(e.Name.LocalName)) is { } stray)
                {
                    Reject(stray, $"is not part of {record.Name.LocalName} in the SSDA903: the {record.Name.LocalName} record is rejected");
                    continue;
                }

                XElement? Field(string column) => record.Elements().FirstOrDefault(e => e.Name.LocalName == column switch { "CHILD" => renamed ?? "CHILD", "PLACE" => "PL", _ => column });
                string Cell(string column) => column == "CHILD" && kind == "episodes" ? id : Field(column)?.Value.Trim() ?? "";
                read(kind, name, ReturnXml.PlaceOf(record).Line, Cell, column => Field(column) is { } element ? ReturnXml.PlaceOf(element) : ReturnXml.PlaceOf(record));

                // The HEADER's missing episodes (AMISSING) are the Missing table's rows.
                foreach (var absence in record.Elements().Where(e => e.Name.LocalName == "AMISSING"))
                {
                    XElement? Leaf(string column) => absence.Elements().FirstOrDefault(e => e.Name.LocalName == column);
                    read("missing", name, ReturnXml.PlaceOf(absence).Line, column => column == "CHILD" ? id : Leaf(column)?.Value.Trim() ?? "", column => Leaf(column) is { } element ? ReturnXml.PlaceOf(element) : ReturnXml.PlaceOf(absence));
                }
            }
        }
    }

    private static bool TryDate(string text, out DateOnly date) => DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
