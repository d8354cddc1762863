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
                return new CohortSlot(version => LoadAsync(asOf, riskModel, ruleSet, version));
            })!;
        }

        return await slot.GetAsync(needed, cancellationToken);
    }

    public void Dispose()
    {
        slots.Dispose();
        oneAtATime.Dispose();
    }

    /// <summary>On its own context: the request that started the load may end before the others waiting on it.</summary>
    private async Task<CohortView> LoadAsync(DateOnly asOf, RiskModel riskModel, RuleSet ruleSet, long version)
    {
        await oneAtATime.WaitAsync();
        try
        {
            Interlocked.Increment(ref loads);
            await using var db = connection.CreateContext();
            var data = await LinkedDataStore.LoadIndexAsync(db, CancellationToken.None);
            var assessor = new FamilyAssessor(riskModel, ruleSet);
            var assessed = await Task.Run(() => assessor.AssessMany(data.Families, asOf).ToList());
            return new CohortView(asOf, version, riskModel.Version, ruleSet.Version, assessed);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>The cohort of one date, model and rule set: the newest assessed, or being assessed, with the data version it starts from.</summary>
    private sealed class CohortSlot(Func<long, Task<CohortView>> load)
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
                        latest = (wanted, load(wanted));
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
