using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using RiskFlags.Core.Contract;

namespace RiskFlags.Data;

/// <summary>
/// Writes batches of contract records into the store as inserts or updates by key, in one
/// transaction per batch, without the change tracker. Returns how many rows it inserted or changed:
/// a row that is already stored exactly as given is left alone, so a re-import writes nothing.
/// </summary>
internal abstract class BulkUpsert : IAsyncDisposable
{
    public static async Task<BulkUpsert> OpenAsync(RiskFlagsDbContext db, StoreConnection store, CancellationToken cancellationToken)
    {
        var connection = store.Provider is StoreProvider.Postgres
            ? (DbConnection)new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection switch
        {
            NpgsqlConnection npgsql => new PostgresBulkUpsert(db, npgsql),
            SqliteConnection sqlite => await SqliteBulkUpsert.CreateAsync(db, sqlite, cancellationToken),
            _ => throw new NotSupportedException(),
        };
    }

    protected BulkUpsert(RiskFlagsDbContext db)
    {
        Families = new BulkTable<FamilyRecord>(db, typeof(FamilyRow),
        [
            new(nameof(FamilyRow.FamilyId), f => f.FamilyId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(FamilyRow.LocalArea), f => f.LocalArea, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(FamilyRow.DeprivationDecile), f => f.DeprivationDecile, NpgsqlTypes.NpgsqlDbType.Integer),
        ]);
        People = new BulkTable<PersonRecord>(db, typeof(PersonRow),
        [
            new(nameof(PersonRow.PersonId), p => p.PersonId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.FamilyId), p => p.FamilyId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.Role), p => p.Role.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.BirthDate), p => p.BirthDate, NpgsqlTypes.NpgsqlDbType.Date),
            new(nameof(PersonRow.Sex), p => p.Sex?.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.Ethnicity), p => p.Ethnicity, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.CareExperienced), p => p.CareExperienced, NpgsqlTypes.NpgsqlDbType.Boolean),
            new(nameof(PersonRow.Uasc), p => p.Uasc, NpgsqlTypes.NpgsqlDbType.Boolean),
        ]);
        Events = new BulkTable<EventRecord>(db, typeof(EventRow),
        [
            new(nameof(EventRow.Source), e => e.Source.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.EventId), e => e.EventId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.PersonId), e => e.PersonId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.Date), e => e.Date, NpgsqlTypes.NpgsqlDbType.Date),
            new(nameof(EventRow.Type), e => e.Type.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.EndDate), e => e.EndDate, NpgsqlTypes.NpgsqlDbType.Date),
            new(nameof(EventRow.Detail), e => e.Detail, NpgsqlTypes.NpgsqlDbType.Text),
        ]);
    }

    public BulkTable<FamilyRecord> Families { get; }

    public BulkTable<PersonRecord> People { get; }

    public BulkTable<EventRecord> Events { get; }

    /// <summary>Called before a table's first batch; a store may load the table differently when it starts empty.</summary>
    public virtual Task BeginTableAsync<T>(BulkTable<T> table, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after a table's last batch was written.</summary>
    public virtual Task EndTableAsync<T>(BulkTable<T> table, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<long> UpsertAsync<T>(BulkTable<T> table, IReadOnlyList<T> batch, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
