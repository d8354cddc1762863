using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

/// <summary>An event reduced to what the facts read; kept small because a cohort holds millions.</summary>
public readonly record struct PersonEvent(DateOnly Date, DateOnly? EndDate, EventType Type, EventDetail Detail)
{
    /// <summary>An episode is open at a date when it began on or before it and had not ended by it.</summary>
    public bool IsOpenAt(DateOnly date) => Date <= date && (EndDate is null || EndDate > date);
}

/// <summary>A person as a member of one family, with all their events in date order.</summary>
public sealed class Member(PersonRecord person, PersonEvent[] events)
{
    public PersonRecord Person { get; } = person;

    public IReadOnlyList<PersonEvent> Events { get; } = events;

    public bool IsAdult => Person.Role is not PersonRole.Child;
}

/// <summary>
/// Everything recorded about one family: its members and their events, and the children of its
/// mother in other families (whose removals count as her prior removals).
/// </summary>
public sealed class FamilyHistory(FamilyRecord family, IReadOnlyList<Member> members, Member? mother, IReadOnlyList<Member> mothersOtherChildren)
{
    public FamilyRecord Family { get; } = family;

    public IReadOnlyList<Member> Members { get; } = members;

    public Member? Mother { get; } = mother;

    public IReadOnlyList<Member> MothersOtherChildren { get; } = mothersOtherChildren;

    public IEnumerable<Member> Children => Members.Where(m => m.Person.Role is PersonRole.Child);

}
