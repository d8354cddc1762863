using Microsoft.Data.Sqlite;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

/// <summary>The store a scoring run reads; when it was made from a folder for the run, it is deleted afterwards.</summary>
internal sealed class ScoringStore(StoreConnection connection, DirectoryInfo? scratch) : IAsyncDisposable
{
    public StoreConnection Connection { get; } = connection;

    public async Task<long> CountFamiliesAsync(CancellationToken cancellationToken)
    {
        await using var db = Connection.CreateContext();
        return (await LinkedDataStore.CountAsync(db, cancellationToken)).Families;
    }

    public ValueTask DisposeAsync()
    {
        if (scratch is not null)
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
