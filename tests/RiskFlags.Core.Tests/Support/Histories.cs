using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Tests.Support;

/// <summary>Builds linked data in code: families, members and their events, then an index.</summary>
public sealed class Histories
{
    private readonly LinkedDataIndexBuilder builder = new();

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public Histories Family(string id, int? decile = 5, string? area = "E01000001")
    {
        builder.Add(new FamilyRecord(id, area, decile));
        return this;
    }

    public Histories Person(string id, string family, PersonRole role, string? birth, bool? careExperienced = null)
    {
        builder.Add(new PersonRecord(id, family, role, birth is null ? null : D(birth), null, null, careExperienced));
        return this;
    }

    public Histories Event(string person, string date, EventType type, string? end = null, EventDetail detail = EventDetail.None)
    {
        builder.Add(person, new PersonEvent(D(date), end is null ? null : D(end), type, detail));
        return this;
    }

    public LinkedDataIndex Build() => builder.Build();

    public static FamilyFacts FactsOf(LinkedDataIndex index, string family, string asOf) =>
        FamilyFactsBuilder.Build(index.Find(family)!, D(asOf));
}
