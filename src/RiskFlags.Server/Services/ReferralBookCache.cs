using RiskFlags.Core.Referrals;
using RiskFlags.Data;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Services;

/// <summary>
/// Where every family stands with every programme (<see cref="ReferralBook"/>), read from the store
/// once per referrals version rather than on every page of the flagged cohort: any suggestion,
/// decision or place given, here or on another replica, moves the version on and the next caller
/// reads it afresh.
/// </summary>
public sealed class ReferralBookCache(StoreConnection connection)
{
    private (long Version, Task<ReferralBook> Book)? latest;

    public Task<ReferralBook> GetAsync(StoreSnapshot snapshot, CancellationToken cancellationToken)
    {
        Task<ReferralBook> book;
        lock (this)
        {
            if (latest is not { } l || l.Version != snapshot.ReferralsVersion || l.Book.IsFaulted || l.Book.IsCanceled)
            {
                latest = (snapshot.ReferralsVersion, ReadAsync());
            }

            book = latest.Value.Book;
        }

        return book.WaitAsync(cancellationToken);
    }

    /// <summary>On its own context: the caller that started the read may go before the others sharing it.</summary>
    private async Task<ReferralBook> ReadAsync()
    {
        await using var db = connection.CreateContext();
        return await ReferralStore.BookAsync(db);
    }
}
