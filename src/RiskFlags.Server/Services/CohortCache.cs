using Microsoft.Extensions.Caching.Memory;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Services;

/// <summary>
/// The cohort assessed on the compiled path as of a date: the flagged cohort, the cohort stream and
/// the capacity gaps all need every family, and recomputing it per request would load the store each
/// time. An entry is keyed by the date, the model, the rules and the store's data version, so a new
/// model, rule set or import makes a new one; at most <see cref="MaximumEntries"/> dates are kept, so
/// callers asking about many dates cannot fill the memory, and callers asking about the same one at
/// once assess it once.
/// </summary>
public sealed class CohortCache(LiveRuleSet rules, LiveModel model, StoreView store, StoreConnection connection) : IDisposable
{
    public const int MaximumEntries = 3;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaximumEntries });
    private int loads;

    /// <summary>Cohorts held now (at most <see cref="MaximumEntries"/>).</summary>
    public int Count => cache.Count;

    /// <summary>Cohorts assessed since start: callers sharing one assessment count once.</summary>
    public int Loads => Volatile.Read(ref loads);

    public async Task<IReadOnlyList<CohortAssessment>> GetAsync(RiskFlagsDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        var ruleSet = rules.Current;
        var riskModel = model.Current;
        var version = (await store.GetAsync(db, cancellationToken)).DataVersion;
        var key = (asOf, riskModel.Version, ruleSet.Version, version);
        Lazy<Task<IReadOnlyList<CohortAssessment>>> entry;
        // MemoryCache may run two factories for one key at once; the lock makes the entry (a Lazy, cheap to make) one.
        lock (cache)
        {
            entry = cache.GetOrCreate(key, e =>
            {
                e.Size = 1;
                e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
                // Single flight: the first caller's load is shared by every caller of the same key. It does not
                // take the caller's cancellation, so one caller giving up does not fail the others.
                return new Lazy<Task<IReadOnlyList<CohortAssessment>>>(() => LoadAsync(asOf, riskModel, ruleSet));
            })!;
        }

        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            cache.Remove(key);
            throw;
        }
    }

    public void Dispose() => cache.Dispose();

    /// <summary>On its own context: the request that started the load may end before the others waiting on it.</summary>
    private Task<IReadOnlyList<CohortAssessment>> LoadAsync(DateOnly asOf, RiskModel riskModel, RuleSet ruleSet) => Task.Run(async () =>
    {
        Interlocked.Increment(ref loads);
        await using var db = connection.CreateContext();
        var data = await LinkedDataStore.LoadIndexAsync(db, CancellationToken.None);
        return CohortAssessor.Assess(data, asOf, riskModel, ruleSet);
    });
}
