using Microsoft.Extensions.Caching.Memory;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Services;

/// <summary>
/// The cohort assessed on the compiled path as of a date: the flagged cohort, the cohort stream and
/// the capacity gaps all need every family, and recomputing it per request would load the store each
/// time. A cohort is kept per date, model and rule set, for at most <see cref="MaximumEntries"/> of
/// them, and knows the store's data version it was read at: a caller gets a cohort at least as new
/// as the data it knows of. However often ingests move the version on, at most one cohort is being
/// assessed at a time (callers wanting newer data than the one in progress wait for it, then share
/// the next), so memory holds a few cohorts at most and one core at most assesses them.
/// </summary>
public sealed class CohortCache(LiveRuleSet rules, LiveModel model, StoreView store, StoreConnection connection) : IDisposable
{
    public const int MaximumEntries = 3;

    private readonly MemoryCache slots = new(new MemoryCacheOptions { SizeLimit = MaximumEntries });
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private int loads;
    private int incremental;

    /// <summary>Families that may change between two views for the next to be an update of the last rather than a new assessment.</summary>
    public const int MaximumIncremental = 2_000;

    /// <summary>Views made by updating the previous one with the families that changed.</summary>
    public int IncrementalLoads => Volatile.Read(ref incremental);

    /// <summary>Cohorts held now (at most <see cref="MaximumEntries"/>).</summary>
    public int Count => slots.Count;

    /// <summary>Cohorts assessed since start: callers sharing one assessment count once.</summary>
    public int Loads => Volatile.Read(ref loads);

    public async Task<CohortView> GetAsync(RiskFlagsDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        var ruleSet = rules.Current;
        var riskModel = model.Current;
        var needed = (await store.GetAsync(db, cancellationToken)).DataVersion;
        CohortSlot slot;
        // MemoryCache may run two factories for one key at once; the lock makes the slot one.
        lock (slots)
        {
            slot = slots.GetOrCreate((asOf, riskModel.Version, ruleSet.Version), e =>
            {
                e.Size = 1;
                e.SlidingExpiration = TimeSpan.FromMinutes(5);
                return new CohortSlot((version, previous) => LoadAsync(asOf, riskModel, ruleSet, version, previous));
            })!;
        }

        return await slot.GetAsync(needed, cancellationToken);
    }

    public void Dispose()
    {
        slots.Dispose();
        oneAtATime.Dispose();
    }

    /// <summary>
    /// On its own context: the request that started the load may end before the others waiting on it.
    /// When only some families changed since the previous view (an ingest), only they are assessed
    /// again; otherwise (an import, or changes this replica cannot name) the whole cohort is.
    /// </summary>
    private async Task<CohortView> LoadAsync(DateOnly asOf, RiskModel riskModel, RuleSet ruleSet, long version, CohortView? previous)
    {
        await oneAtATime.WaitAsync();
        try
        {
            Interlocked.Increment(ref loads);
            var assessor = new FamilyAssessor(riskModel, ruleSet);
            if (previous is not null && store.DataChangedBetween(previous.DataVersion, version) is { Count: <= MaximumIncremental } changed)
            {
                Interlocked.Increment(ref incremental);
                return await UpdateAsync(previous, changed, assessor, version);
            }

            var assessed = await assessor.AssessManyAsync(FamilyChunks.ReadAsync(connection), asOf).ToListAsync();
            return new CohortView(asOf, version, riskModel.Version, ruleSet.Version, assessed);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>The previous view with the changed families assessed again (and added, or dropped, as they now are in the cohort or not).</summary>
    private async Task<CohortView> UpdateAsync(CohortView previous, IReadOnlySet<string> changed, FamilyAssessor assessor, long version)
    {
        await using var db = connection.CreateContext();
        var again = new Dictionary<string, FamilyAssessment?>(StringComparer.Ordinal);
        foreach (var familyId in changed)
        {
            var history = await LinkedDataStore.LoadFamilyAsync(db, familyId);
            again[familyId] = history is null ? null : assessor.AssessMany([history], previous.AsOf).FirstOrDefault();
        }

        var assessments = previous.Assessments.Where(a => !changed.Contains(a.FamilyId))
            .Concat(again.Values.OfType<FamilyAssessment>())
            .OrderBy(a => a.FamilyId, StringComparer.Ordinal)
            .ToList();
        return previous with { DataVersion = version, Assessments = assessments };
    }

    /// <summary>The cohort of one date, model and rule set: the newest assessed, or being assessed, with the data version it starts from.</summary>
    private sealed class CohortSlot(Func<long, CohortView?, Task<CohortView>> load)
    {
        private (long Version, Task<CohortView> Cohort)? latest;
        private long wanted = -1;

        public async Task<CohortView> GetAsync(long needed, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task<CohortView> cohort;
                bool fresh;
                lock (this)
                {
                    wanted = Math.Max(wanted, needed);
                    if (latest is { } l && !l.Cohort.IsFaulted && !l.Cohort.IsCanceled && (l.Version >= needed || !l.Cohort.IsCompleted))
                    {
                        (cohort, fresh) = (l.Cohort, l.Version >= needed);
                    }
                    else
                    {
                        // Read after every caller's version was committed, so it holds at least the newest data any of them knows of.
                        var previous = latest is { Cohort.IsCompletedSuccessfully: true } done ? done.Cohort.Result : null;
                        latest = (wanted, load(wanted, previous));
                        (cohort, fresh) = (latest.Value.Cohort, true);
                    }
                }

                if (fresh)
                {
                    return await cohort.WaitAsync(cancellationToken);
                }

                // An older cohort is being assessed: wait for it to finish (ignoring how it ends), then start the next.
                await ((Task)cohort).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).WaitAsync(cancellationToken);
            }
        }
    }
}
