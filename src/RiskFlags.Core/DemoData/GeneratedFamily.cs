using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.DemoData;

/// <summary>One synthetic family: its rows in the three contract files and its truth rows.</summary>
public sealed record GeneratedFamily(
    FamilyRecord Family,
    IReadOnlyList<PersonRecord> People,
    IReadOnlyList<GeneratedEvent> Events,
    IReadOnlyList<TruthRow> Truth,
    int UnrealisableOutcomes)
{
    /// <summary>The family as the facts read it once imported (demo mothers never move between families).</summary>
    public FamilyHistory ToHistory()
    {
        var members = People
            .Select(p => new Member(p, [.. Events.Where(e => e.PersonId == p.PersonId).Select(e => new PersonEvent(e.Date, e.EndDate, e.Type, e.DetailCode))]))
            .ToList();
        return new FamilyHistory(Family, members, members.FirstOrDefault(m => m.Person.Role is PersonRole.Mother), []);
    }
}
