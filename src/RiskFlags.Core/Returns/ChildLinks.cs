using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>
/// Which family each child of a return belongs to, and who its mother is: what no statutory return
/// holds and a council's data warehouse can produce, as a CSV of child_id, family_id, mother_id and
/// mother_birth_date (the mother's columns blank when she is not known). Children in one family are
/// siblings; a mother's earlier removals are those of the children linked to her.
/// </summary>
public sealed class ChildLinks
{
    private static readonly string[] Columns = ["child_id", "family_id", "mother_id", "mother_birth_date"];

    private readonly Dictionary<string, (string Family, string? Mother)> byChild;

    private ChildLinks(Dictionary<string, (string Family, string? Mother)> byChild, Dictionary<string, (string Family, DateOnly Birth)> mothers)
    {
        this.byChild = byChild;
        Mothers = mothers;
    }

    /// <summary>Each linked mother, with the family she is recorded in (her first child's) and her date of birth.</summary>
    public IReadOnlyDictionary<string, (string Family, DateOnly Birth)> Mothers { get; }

    public int Count => byChild.Count;

    /// <summary>
    /// The child's family; null when the links do not name the child (it is then a family of its own).
    /// A person id written with its return's prefix (903:CHILD) is found by the child's own id too.
    /// </summary>
    public string? FamilyOf(string personId) =>
        byChild.TryGetValue(personId, out var link) || (personId.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && byChild.TryGetValue(personId[(colon + 1)..], out link))
            ? link.Family
            : null;

    /// <summary>How many of these children the links place in a family.</summary>
    public int Linked(IEnumerable<string> personIds) => personIds.Count(p => FamilyOf(p) is not null);

    /// <summary>Links a source holds itself (the SSD's ssd_family and ssd_mother): each child's family, and each mother's family and date of birth.</summary>
    public static ChildLinks From(IEnumerable<(string Child, string Family)> children, IEnumerable<(string Mother, string Family, DateOnly Birth)> mothers) => new(
        children.ToDictionary(c => c.Child, c => (c.Family, (string?)null), StringComparer.Ordinal),
        mothers.ToDictionary(m => m.Mother, m => (m.Family, m.Birth), StringComparer.Ordinal));

    /// <summary>Reads the links; a row that cannot be used is reported and left out, the rest are read.</summary>
    /// <exception cref="ContractFileException">The file is missing or its header lacks a column.</exception>
    public static ChildLinks Load(string path, Action<RowError> onError)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new ContractFileException(name, $"--links: no file at {Path.GetFullPath(path)}");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read())
        {
            throw new ContractFileException(name, "is empty: expected a header of child_id, family_id, mother_id, mother_birth_date");
        }

        var header = csv.Record!.Select((column, i) => (Name: column.Trim().ToLowerInvariant(), i)).ToDictionary(c => c.Name, c => c.i);
        if (Columns.FirstOrDefault(c => !header.ContainsKey(c)) is { } missing)
        {
            throw new ContractFileException(name, $"line 1: the header has no {missing} column (expected child_id, family_id, mother_id, mother_birth_date)");
        }

        var children = new Dictionary<string, (string Family, string? Mother)>(StringComparer.Ordinal);
        var mothers = new Dictionary<string, (string Family, DateOnly Birth)>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Row;
            string Cell(string column) => header[column] < csv.Record!.Length ? csv.Record[header[column]].Trim() : "";
            void Reject(string column, string reason) => onError(new RowError(name, line, header[column] + 1, column, reason));
            var (child, family, mother, birthText) = (Cell("child_id"), Cell("family_id"), Cell("mother_id"), Cell("mother_birth_date"));
            if (ContractFields.CheckIdentifier(child) is { } badChild)
            {
                Reject("child_id", badChild);
            }
            else if (ContractFields.CheckIdentifier(family) is { } badFamily)
            {
                Reject("family_id", badFamily);
            }
            else if (mother.Length > 0 && ContractFields.CheckIdentifier(mother) is { } badMother)
            {
                Reject("mother_id", badMother);
            }
            else if (mother.Length > 0 && !DateOnly.TryParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Reject("mother_birth_date", $"'{ContractFields.Shorten(birthText)}' is not a date (YYYY-MM-DD): a mother needs her date of birth");
            }
            else if (children.ContainsKey(child))
            {
                Reject("child_id", $"'{child}' is linked twice: a child belongs to one family");
            }
            else
            {
                children[child] = (family, mother.Length > 0 ? mother : null);
                if (mother.Length > 0 && !mothers.ContainsKey(mother))
                {
                    mothers[mother] = (family, DateOnly.ParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
            }
        }

        return new ChildLinks(children, mothers);
    }
}
