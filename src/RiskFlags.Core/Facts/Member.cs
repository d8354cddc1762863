using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

/// <summary>A person as a member of one family, with all their events in date order.</summary>
public sealed class Member(PersonRecord person, PersonEvent[] events)
{
    public PersonRecord Person { get; } = person;

    public IReadOnlyList<PersonEvent> Events { get; } = events;

    public bool IsAdult => Person.Role is not PersonRole.Child;
}
