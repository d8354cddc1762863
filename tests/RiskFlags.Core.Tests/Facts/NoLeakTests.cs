using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Tests.Facts;

/// <summary>
/// Nothing recorded after as_of may change a fact. Random histories are built twice: once as they
/// stood at as_of, once with a random future added (later events, episodes closed or extended
/// after as_of, children born later, the mother in a new family). The facts must be equal.
/// </summary>
public sealed class NoLeakTests
{
    private static readonly DateOnly From = new(2014, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);
    private static readonly EventType[] Types = Enum.GetValues<EventType>();

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 25)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Facts_and_cohort_membership_ignore_everything_after_as_of(int seed)
    {
        var random = new Random(seed);
        var asOf = From.AddDays(random.Next(365 * 3, To.DayNumber - From.DayNumber - 365));
        var past = new LinkedDataIndexBuilder();
        var withFuture = new LinkedDataIndexBuilder();

        for (var f = 0; f < 40; f++)
        {
            var family = new FamilyRecord($"F{f}", random.Next(2) == 0 ? null : "E01", random.Next(3) == 0 ? null : random.Next(1, 11));
            past.Add(family);
            withFuture.Add(family);
            var people = RandomPeople(random, family.FamilyId, asOf);
            foreach (var person in people)
            {
                past.Add(person);
                withFuture.Add(person);
                for (var e = random.Next(0, 25); e > 0; e--)
                {
                    var (before, after) = RandomEvent(random, asOf);
                    if (before is { } known)
                    {
                        past.Add(person.PersonId, known);
                    }

                    withFuture.Add(person.PersonId, after);
                }
            }

            // The future: a baby born after as_of, and the mother heading a new family after as_of.
            var baby = new PersonRecord($"F{f}-late", family.FamilyId, PersonRole.Child, asOf.AddDays(random.Next(1, 300)), Sex.Female, null, null);
            withFuture.Add(baby);
            withFuture.Add(baby.PersonId, new PersonEvent(baby.BirthDate!.Value.AddDays(1), null, EventType.CareEpisode, EventDetail.Section20));
            if (people.FirstOrDefault(p => p.Role is PersonRole.Mother) is { } mother)
            {
                var newFamily = new FamilyRecord($"F{f}-new", null, 1);
                withFuture.Add(newFamily);
                withFuture.Add(mother with { FamilyId = newFamily.FamilyId });
                var sibling = new PersonRecord($"F{f}-sibling", newFamily.FamilyId, PersonRole.Child, asOf.AddDays(random.Next(1, 200)), Sex.Male, null, null);
                withFuture.Add(sibling);
                withFuture.Add(sibling.PersonId, new PersonEvent(sibling.BirthDate!.Value, null, EventType.CareEpisode, EventDetail.InterimCareOrder));
            }
        }

        var expected = past.Build();
        var actual = withFuture.Build();
        foreach (var history in expected.Families)
        {
            var before = FamilyFactsBuilder.Build(history, asOf);
            var after = FamilyFactsBuilder.Build(actual.Find(history.Family.FamilyId)!, asOf);
            Assert.Equal(before, after);
            Assert.Equal(Cohort.Includes(before), Cohort.Includes(after));
        }
    }

    private static List<PersonRecord> RandomPeople(Random random, string family, DateOnly asOf)
    {
        var people = new List<PersonRecord>();
        if (random.Next(10) > 0)
        {
            people.Add(new PersonRecord($"{family}-m", family, PersonRole.Mother, RandomDate(random, new DateOnly(1970, 1, 1), new DateOnly(2006, 1, 1)), Sex.Female, null,
                random.Next(3) switch { 0 => null, 1 => true, _ => false }));
        }

        if (random.Next(2) == 0)
        {
            people.Add(new PersonRecord($"{family}-d", family, PersonRole.Father, null, Sex.Male, null, null));
        }

        for (var c = random.Next(0, 5); c > 0; c--)
        {
            // Children born before as_of only: a child born later is part of the future.
            people.Add(new PersonRecord($"{family}-c{c}", family, PersonRole.Child, RandomDate(random, asOf.AddYears(-19), asOf), Sex.Unknown, null, null));
        }

        return people;
    }

    /// <summary>An event as known at as_of (null when it had not happened yet) and as known later.</summary>
    private static (PersonEvent? Before, PersonEvent After) RandomEvent(Random random, DateOnly asOf)
    {
        var type = Types[random.Next(Types.Length)];
        var date = RandomDate(random, From, To);
        var detail = (EventDetail)random.Next(Enum.GetValues<EventDetail>().Length);
        if (!Vocabulary.IsEpisode(type))
        {
            var e = new PersonEvent(date, null, type, detail);
            return (date <= asOf ? e : null, e);
        }

        DateOnly? end = random.Next(3) == 0 ? null : date.AddDays(random.Next(0, 900));
        var later = new PersonEvent(date, end, type, detail);
        if (date > asOf)
        {
            return (null, later);
        }

        // At as_of an episode that ends later is still open: its end date is not yet known.
        var known = end is { } e2 && e2 <= asOf ? later : later with { EndDate = null };
        return (known, later);
    }

    private static DateOnly RandomDate(Random random, DateOnly from, DateOnly to) =>
        from.AddDays(random.Next(0, to.DayNumber - from.DayNumber + 1));
}
