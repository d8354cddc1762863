using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

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
