using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

/// <summary>
/// All families of a linked data set with their members' events, indexed for the fact builder.
/// Built once from a contract folder or from the store; read-only afterwards, so safe to share.
/// </summary>
public sealed class LinkedDataIndex
{
    private readonly Dictionary<string, FamilyHistory> byId;

    internal LinkedDataIndex(List<FamilyHistory> families, DateOnly? dataEnd)
    {
        Families = families;
        byId = families.ToDictionary(f => f.Family.FamilyId, StringComparer.Ordinal);
        DataEnd = dataEnd;
    }

    public IReadOnlyList<FamilyHistory> Families { get; }

    /// <summary>The latest date in any event (start or end): the date the extract runs to.</summary>
    public DateOnly? DataEnd { get; }

    public int EventCount => Families.Sum(f => f.Members.Sum(m => m.Events.Count));

    public FamilyHistory? Find(string familyId) => byId.GetValueOrDefault(familyId);

    /// <summary>Reads and validates a contract folder into an index; rejected rows go to <paramref name="onError"/>.</summary>
    public static LinkedDataIndex Load(string directory, TimeProvider time, Action<RowError> onError)
    {
        var reader = new ContractReader(directory, time, onError);
        reader.EnsureFilesExist();
        var builder = new LinkedDataIndexBuilder();
        foreach (var family in reader.ReadFamilies())
        {
            builder.Add(family);
        }

        foreach (var person in reader.ReadPeople())
        {
            builder.Add(person);
        }

        foreach (var e in reader.ReadEvents())
        {
            builder.Add(e.PersonId, new PersonEvent(e.Date, e.EndDate, e.Type, e.DetailCode));
        }

        return builder.Build();
    }
}
