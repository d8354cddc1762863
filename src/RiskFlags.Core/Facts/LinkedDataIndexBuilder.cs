using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

/// <summary>Collects families, memberships and events in any order, then builds a <see cref="LinkedDataIndex"/>.</summary>
public sealed class LinkedDataIndexBuilder
{
    private readonly List<FamilyRecord> families = [];
    private readonly List<PersonRecord> people = [];
    private readonly Dictionary<string, List<PersonEvent>> eventsByPerson = new(StringComparer.Ordinal);
    private DateOnly? dataEnd;

    public void Add(FamilyRecord family) => families.Add(family);

    public void Add(PersonRecord person) => people.Add(person);

    public void Add(string personId, PersonEvent e)
    {
        if (!eventsByPerson.TryGetValue(personId, out var list))
        {
            eventsByPerson[personId] = list = [];
        }

        list.Add(e);
        var latest = e.EndDate is { } end && end > e.Date ? end : e.Date;
        if (dataEnd is null || latest > dataEnd)
        {
            dataEnd = latest;
        }
    }

    public LinkedDataIndex Build()
    {
        var events = eventsByPerson.ToDictionary(
            p => p.Key,
            p => p.Value.OrderBy(e => e.Date).ThenBy(e => e.Type).ToArray(),
            StringComparer.Ordinal);
        var membersByFamily = people
            .GroupBy(p => p.FamilyId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(p => p.PersonId, StringComparer.Ordinal)
                      .Select(p => new Member(p, events.GetValueOrDefault(p.PersonId) ?? []))
                      .ToList(),
                StringComparer.Ordinal);

        // A mother may head more than one family: her children in the others carry her history.
        var familiesOfMother = people
            .Where(p => p.Role is PersonRole.Mother)
            .GroupBy(p => p.PersonId, StringComparer.Ordinal)
            .Where(g => g.Skip(1).Any())
            .ToDictionary(g => g.Key, g => g.Select(p => p.FamilyId).ToArray(), StringComparer.Ordinal);

        var histories = new List<FamilyHistory>(families.Count);
        foreach (var family in families)
        {
            var members = membersByFamily.GetValueOrDefault(family.FamilyId) ?? [];
            var mother = members
                .Where(m => m.Person.Role is PersonRole.Mother)
                .OrderBy(m => m.Person.BirthDate is null)
                .FirstOrDefault();
            IReadOnlyList<Member> otherChildren = [];
            if (mother is not null && familiesOfMother.TryGetValue(mother.Person.PersonId, out var others))
            {
                otherChildren = others
                    .Where(id => id != family.FamilyId)
                    .SelectMany(id => membersByFamily.GetValueOrDefault(id) ?? [])
                    .Where(m => m.Person.Role is PersonRole.Child)
                    .ToList();
            }

            histories.Add(new FamilyHistory(family, members, mother, otherChildren));
        }

        return new LinkedDataIndex(histories, dataEnd);
    }
}
