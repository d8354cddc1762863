using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Collections;
using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;

namespace RiskFlags.Data;

/// <summary>
/// Imports a contract folder into the store: families, then people, then events, streamed in
/// batches, each batch in its own transaction (on SQLite, a table that starts empty is loaded in one). Rows are keyed by their ids, so importing the same
/// files again changes nothing and a changed row replaces the stored one. References may point at
/// rows imported earlier (an incremental extract).
/// </summary>
public sealed class LinkedDataImporter(StoreConnection store, TimeProvider time)
{
    public int BatchSize { get; init; } = 50_000;

    public IProgress<ReadProgress>? Progress { get; init; }

    /// <summary>
    /// Told after each batch is written: the file, and its rows written so far. Each batch is committed
    /// on its own, except that SQLite loads a table that starts empty in one transaction, committed at its end.
    /// </summary>
    public Action<string, long>? BatchStored { get; init; }

    /// <exception cref="ContractFileException">A file is missing, unreadable, or lacks a required column.</exception>
    public async Task<ImportResult> ImportAsync(string directory, Action<RowError> onError, CancellationToken cancellationToken = default)
    {
        await store.MigrateAsync(cancellationToken);
        await using var db = store.CreateContext();
        var storedFamilies = await IdsAsync(db.Families.AsNoTracking().Select(f => f.FamilyId), cancellationToken);
        var storedPeople = await IdsAsync(db.People.AsNoTracking().Select(p => p.PersonId), cancellationToken);

        var reader = new ContractReader(directory, time, onError, id => storedFamilies.Contains(id), id => storedPeople.Contains(id)) { Progress = Progress };
        reader.EnsureFilesExist();
        var demo = DemoMarker.Read(directory);
        if (demo is not null && storedFamilies.Count > 0 && !(await StoreInfo.ReadAsync(db, cancellationToken)).Demo)
        {
            throw new ContractFileException(DemoMarker.FileName,
                $"this folder holds synthetic demo data ({demo}) and {store.Describe()} holds real families: demo data never go into a store of real data; import them into a store of their own (--db)");
        }

        // Marked before the first row and again after the last: a demo import is a demo store from its
        // first row on, and a replica's cached view is stale whether or not the import got to the end.
        await StoreInfo.MarkDataChangedAsync(db, time, null, demo, cancellationToken);
        await using var upsert = await BulkUpsert.OpenAsync(db, store, cancellationToken);
        var families = await WriteAsync(ContractReader.FamiliesFile, upsert, upsert.Families, reader.ReadFamilies, () => reader.FamilyCounts!, cancellationToken);
        var people = await WriteAsync(ContractReader.PeopleFile, upsert, upsert.People, reader.ReadPeople, () => reader.PersonCounts!, cancellationToken);
        var events = await WriteAsync(ContractReader.EventsFile, upsert, upsert.Events, reader.ReadEvents, () => reader.EventCounts!, cancellationToken);
        await StoreInfo.MarkDataChangedAsync(db, time, null, demo, cancellationToken);
        return new ImportResult(families, people, events, demo);
    }

    /// <summary>
    /// Reads and validates on one thread while the previous batch is written on another: parsing
    /// costs about a quarter of writing, so overlapping them hides most of it.
    /// </summary>
    private async Task<ImportCounts> WriteAsync<T>(string file, BulkUpsert upsert, BulkTable<T> table, Func<IEnumerable<T>> read, Func<FileCounts> counts, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var batches = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var batch = new List<T>(BatchSize);
                    foreach (var row in read())
                    {
                        batch.Add(row);
                        if (batch.Count == BatchSize)
                        {
                            await batches.Writer.WriteAsync(batch, cancellationToken);
                            batch = new List<T>(BatchSize);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await batches.Writer.WriteAsync(batch, cancellationToken);
                    }

                    batches.Writer.Complete();
                }
                catch (Exception e)
                {
                    // Completing with the error ends the writer's loop; the error itself is rethrown by awaiting the producer below.
                    batches.Writer.Complete(e);
                    throw;
                }
            },
            cancellationToken);

        long written = 0, stored = 0;
        await upsert.BeginTableAsync(table, cancellationToken);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                written += await upsert.UpsertAsync(table, batch, cancellationToken);
                stored += batch.Count;
                BatchStored?.Invoke(file, stored);
            }
        }
        catch (ChannelClosedException)
        {
            // The producer failed; awaiting it below surfaces its exception (a ContractFileException, say) unwrapped.
        }

        await producer;
        await upsert.EndTableAsync(table, cancellationToken);
        var totals = counts();
        return new ImportCounts(totals.Loaded, totals.Rejected, written, time.GetElapsedTime(started));
    }

    /// <summary>The ids already stored, held compactly: a store of a whole country's families is read here before every import.</summary>
    private static async Task<IdTable> IdsAsync(IQueryable<string> ids, CancellationToken cancellationToken)
    {
        var table = new IdTable();
        await foreach (var id in ids.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            table.Add(id);
        }

        return table;
    }
}
