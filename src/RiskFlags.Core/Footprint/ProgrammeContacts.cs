namespace RiskFlags.Core.Footprint;

/// <summary>
/// When each family was first offered a programme (a suggestion recorded for it, dated by the data it was
/// made on) and first enrolled in one (a place taken), as the store's referrals record them. A folder of
/// CSVs has no referrals, so its footprint has no such shares.
/// </summary>
public sealed class ProgrammeContacts(IReadOnlyDictionary<string, DateOnly> firstOffered, IReadOnlyDictionary<string, DateOnly> firstEnrolled)
{
    public bool OfferedBefore(string familyId, DateOnly date) => firstOffered.TryGetValue(familyId, out var on) && on < date;

    public bool EnrolledBefore(string familyId, DateOnly date) => firstEnrolled.TryGetValue(familyId, out var on) && on < date;
}
