using System.Collections.Concurrent;
using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// The store as this replica last saw it, brought up to date by every request: one primary-key read
/// of the store's versions (shared by requests that arrive together, <see cref="SharedVersionsRead"/>), and, when they moved (an ingest, a decision, here or on another replica
/// sharing the store), a read of the change log since, which marks exactly the families whose cached
/// assessments or referrals are now stale. Caches ask <see cref="DataFresh"/> and
/// <see cref="ReferralsFresh"/> before serving anything. When the models version moved (a publication),
/// the live model follows the registry before the request goes on.
/// </summary>
public sealed class StoreView(StoreConnection store, PublishedModel published) : IDisposable
{
    /// <summary>Recent data changes kept in memory for the cohort views to update from: beyond these, a view is assessed again whole.</summary>
    private const int RecentChangesKept = 50_000;

    private readonly SemaphoreSlim catchingUp = new(1, 1);
    private readonly SharedVersionsRead versionsRead = new(store);
    private readonly ConcurrentDictionary<string, long> dataChangedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> referralsChangedAt = new(StringComparer.Ordinal);
    private readonly LinkedList<(long Version, string? FamilyId)> recentDataChanges = new();
    private long allDataChangedAt;
    private long allReferralsChangedAt;
    private long recentFrom = long.MaxValue;
    private Versions seen = Versions.None;
    private DataEnd dataEnd = new(-1, null);

    /// <summary>Brings the view up to the store's versions and returns them.</summary>
    public async Task<StoreSnapshot> GetAsync(RiskFlagsDbContext db, CancellationToken cancellationToken)
    {
        var versions = await versionsRead.ReadAsync(cancellationToken);
        await published.FollowAsync(versions.ModelsVersion, cancellationToken);
        if (new Versions(versions.DataVersion, versions.ReferralsVersion) != Volatile.Read(ref seen))
        {
            await CatchUpAsync(db, versions, cancellationToken);
        }

        var end = Volatile.Read(ref dataEnd);
        if (end.Version != versions.DataVersion)
        {
            // The data's end only moves with the data: read it once per data version.
            end = new DataEnd(versions.DataVersion, await LinkedDataStore.DataEndAsync(db, cancellationToken));
            Volatile.Write(ref dataEnd, end);
        }

        return new StoreSnapshot(end.Date, versions.Demo, versions.DemoDetail, versions.DataVersion, versions.ReferralsVersion);
    }

    /// <summary>Whether what was built from the family's data at <paramref name="builtAt"/> is still what the store holds.</summary>
    public bool DataFresh(string familyId, long builtAt) =>
        builtAt >= Volatile.Read(ref allDataChangedAt) && (!dataChangedAt.TryGetValue(familyId, out var changed) || builtAt >= changed);

    /// <summary>Whether the family's referrals read at <paramref name="builtAt"/> are still what the store holds.</summary>
    public bool ReferralsFresh(string familyId, long builtAt) =>
        builtAt >= Volatile.Read(ref allReferralsChangedAt) && (!referralsChangedAt.TryGetValue(familyId, out var changed) || builtAt >= changed);

    /// <summary>The families whose data changed after <paramref name="from"/> up to <paramref name="to"/>; null when that is unknown here or is every family.</summary>
    public IReadOnlySet<string>? DataChangedBetween(long from, long to)
    {
        lock (recentDataChanges)
        {
            if (from < recentFrom)
            {
                return null;
            }

            var families = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (version, family) in recentDataChanges)
            {
                if (version > from && version <= to)
                {
                    if (family is null)
                    {
                        return null;
                    }

                    families.Add(family);
                }
            }

            return families;
        }
    }

    /// <summary>Forgets what this replica knows, after a change it made itself, so the next request reads the store afresh.</summary>
    public void Forget() => Volatile.Write(ref seen, Versions.None);

    public void Dispose() => catchingUp.Dispose();

    private async Task CatchUpAsync(RiskFlagsDbContext db, StoreVersions versions, CancellationToken cancellationToken)
    {
        await catchingUp.WaitAsync(cancellationToken);
        try
        {
            var (data, referrals) = seen;
            if (seen == new Versions(versions.DataVersion, versions.ReferralsVersion))
            {
                return;
            }

            if (data < 0)
            {
                // First sight of the store (or told to forget): nothing cached before now can be trusted.
                Volatile.Write(ref allDataChangedAt, versions.DataVersion);
                Volatile.Write(ref allReferralsChangedAt, versions.ReferralsVersion);
                lock (recentDataChanges)
                {
                    recentDataChanges.Clear();
                    recentFrom = versions.DataVersion;
                }
            }
            else
            {
                Apply(await StoreInfo.ChangesSinceAsync(db, data, referrals, cancellationToken), data, referrals, versions);
            }

            Volatile.Write(ref seen, new Versions(versions.DataVersion, versions.ReferralsVersion));
        }
        finally
        {
            catchingUp.Release();
        }
    }

    private void Apply(List<StoreChangeRow> changes, long data, long referrals, StoreVersions now)
    {
        // Versions move on by one for each change, with at least one row each: a missing version means the log was pruned past us.
        if (!Contiguous(changes.Where(c => c.Kind == StoreChangeRow.Data).Select(c => c.Version), data, now.DataVersion))
        {
            Volatile.Write(ref allDataChangedAt, now.DataVersion);
            lock (recentDataChanges)
            {
                recentDataChanges.Clear();
                recentFrom = now.DataVersion;
            }
        }

        if (!Contiguous(changes.Where(c => c.Kind == StoreChangeRow.Referrals).Select(c => c.Version), referrals, now.ReferralsVersion))
        {
            Volatile.Write(ref allReferralsChangedAt, now.ReferralsVersion);
        }

        foreach (var change in changes)
        {
            var (map, all) = change.Kind == StoreChangeRow.Data ? (dataChangedAt, (Action<long>)(v => Volatile.Write(ref allDataChangedAt, v))) : (referralsChangedAt, v => Volatile.Write(ref allReferralsChangedAt, v));
            if (change.FamilyId is null)
            {
                all(change.Version);
            }
            else
            {
                map.AddOrUpdate(change.FamilyId, change.Version, (_, was) => Math.Max(was, change.Version));
            }

            if (change.Kind == StoreChangeRow.Data)
            {
                lock (recentDataChanges)
                {
                    recentDataChanges.AddLast((change.Version, change.FamilyId));
                    while (recentDataChanges.Count > RecentChangesKept)
                    {
                        recentFrom = recentDataChanges.First!.Value.Version;
                        recentDataChanges.RemoveFirst();
                    }
                }
            }
        }
    }

    /// <summary>Whether the change rows read cover every version from <paramref name="after"/> to <paramref name="to"/>.</summary>
    private static bool Contiguous(IEnumerable<long> versions, long after, long to)
    {
        var expected = after + 1;
        foreach (var version in versions.Distinct().Order())
        {
            if (version != expected)
            {
                return false;
            }

            expected++;
        }

        return expected > to;
    }

    private sealed record Versions(long Data, long Referrals)
    {
        public static readonly Versions None = new(-1, -1);
    }

    private sealed record DataEnd(long Version, DateOnly? Date);
}
