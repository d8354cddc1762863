using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>Writes what a conversion read as the contract's three CSVs, in a stable order, for riskflags import.</summary>
public static class ContractOutput
{
    /// <param name="links">Families and mothers from a links file: each linked child goes into its family, with its mother; null: each child a family of its own.</param>
    /// <param name="mothers">Mothers the source itself names (the 903's looked-after girls who are mothers), each in her own family.</param>
    public static void Write(string folder, IEnumerable<ConvertedChild> children, IEnumerable<ConvertedEvent> events, ChildLinks? links = null, IEnumerable<ConvertedMother>? mothers = null)
    {
        Directory.CreateDirectory(folder);
        var ordered = children
            .Select(c => links?.FamilyOf(c.PersonId) is { } family ? c with { FamilyId = family } : c)
            .OrderBy(c => c.PersonId, StringComparer.Ordinal).ToList();
        var families = ordered.Select(c => c.FamilyId).ToHashSet(StringComparer.Ordinal);
        var linkedMothers = links?.Mothers.Where(m => families.Contains(m.Value.Family)).OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new ConvertedMother(m.Key, m.Value.Family, m.Value.Birth, null)) ?? [];
        var allMothers = linkedMothers.Concat(mothers ?? []).ToList();
        WriteCsv(Path.Combine(folder, ContractReader.FamiliesFile), ["family_id", "local_area", "deprivation_decile"],
            ordered.Select(c => c.FamilyId).Concat(allMothers.Select(m => m.FamilyId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(f => new[] { f, "", "" }));
        WriteCsv(Path.Combine(folder, ContractReader.PeopleFile), ["person_id", "family_id", "role", "birth_date", "sex", "ethnicity", "care_experienced", "uasc"],
            ordered.Select(c => new[] { c.PersonId, c.FamilyId, "child", ContractFields.Iso(c.Birth), c.Sex, c.Ethnicity ?? "", "", c.Uasc ? "true" : "" })
                .Concat(allMothers.Select(m => new[] { m.PersonId, m.FamilyId, "mother", ContractFields.Iso(m.Birth), "F", "", m.CareExperienced is { } ce ? (ce ? "true" : "false") : "", "" })));
        WriteCsv(Path.Combine(folder, ContractReader.EventsFile), ["event_id", "person_id", "date", "source", "type", "end_date", "detail"],
            events.Select(e => new[]
            {
                e.EventId, e.PersonId, ContractFields.Iso(e.Date), Vocabulary.SourceOf(e.Type).Code(), e.Type.Code(), e.End is { } end ? ContractFields.Iso(end) : "", e.Detail,
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
}
