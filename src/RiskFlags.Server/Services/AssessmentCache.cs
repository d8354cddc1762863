using Microsoft.Extensions.Caching.Memory;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Referrals;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Services;

/// <summary>
/// Single families' assessments, kept as of the store's data version they were made from, with the
/// family's referral statuses as of the referrals version they were read at. An entry is served only
/// while <see cref="StoreView"/> says nothing has changed it since, here or on another replica; a new
/// model or rule set is a new key. So a repeated assessment costs no store read beyond the versions,
/// and never a stale answer.
/// </summary>
public sealed class AssessmentCache(StoreView store) : IDisposable
{
    /// <summary>Families kept at most: a Thurrock-sized cohort many times over, a bounded share of a national one.</summary>
    public const int MaximumEntries = 200_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaximumEntries * 2 });
    private long hits;
    private long misses;

    /// <summary>Assessments served from the cache, and made afresh, since start.</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref hits), Interlocked.Read(ref misses));

    public FamilyAssessment? Find(string familyId, DateOnly asOf, string modelVersion, string rulesVersion)
    {
        if (cache.TryGetValue(new AssessmentKey(familyId, asOf, modelVersion, rulesVersion), out Kept? kept) && kept is not null && store.DataFresh(familyId, kept.DataVersion))
        {
            Interlocked.Increment(ref hits);
            return kept.Assessment;
        }

        Interlocked.Increment(ref misses);
        return null;
    }

    /// <param name="dataVersion">The data version read before the family was loaded: an ingest in between makes the entry stale, never wrongly fresh.</param>
    public void Keep(FamilyAssessment assessment, string modelVersion, string rulesVersion, long dataVersion) =>
        cache.Set(new AssessmentKey(assessment.FamilyId, assessment.AsOf, modelVersion, rulesVersion), new Kept(assessment, dataVersion), new MemoryCacheEntryOptions { Size = 1 });

    /// <summary>The family's standing with each programme this very assessment suggests, if read since its referrals last changed.</summary>
    public IReadOnlyList<(SuggestedProgramme Suggested, Referral Referral)>? FindReferrals(FamilyAssessment assessment) =>
        cache.TryGetValue(new ReferralKey(assessment.FamilyId, assessment.AsOf), out KeptReferrals? kept) && kept is not null
            && ReferenceEquals(kept.For, assessment) && store.ReferralsFresh(assessment.FamilyId, kept.ReferralsVersion)
            ? kept.Referrals
            : null;

    public void KeepReferrals(FamilyAssessment assessment, IReadOnlyList<(SuggestedProgramme Suggested, Referral Referral)> referrals, long referralsVersion) =>
        cache.Set(new ReferralKey(assessment.FamilyId, assessment.AsOf), new KeptReferrals(assessment, referrals, referralsVersion), new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => cache.Dispose();

    private sealed record AssessmentKey(string FamilyId, DateOnly AsOf, string ModelVersion, string RulesVersion);

    private sealed record ReferralKey(string FamilyId, DateOnly AsOf);

    private sealed record Kept(FamilyAssessment Assessment, long DataVersion);

    private sealed record KeptReferrals(FamilyAssessment For, IReadOnlyList<(SuggestedProgramme Suggested, Referral Referral)> Referrals, long ReferralsVersion);
}
