using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Audit;
using RiskFlags.Server.Security;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>
/// A partner feed pushes events in the shape of events.csv. Each is checked exactly as the importer
/// checks a row; invalid ones come back with their position and reason, valid ones are stored (a
/// changed event replaces the stored one by source and id) a batch at a time as the stream arrives,
/// so memory stays flat however long the stream.
/// </summary>
public sealed class IngestService(RiskFlagsDbContext db, AuditRecord audit, StoreConnection store, TimeProvider time, ILogger<IngestService> logger) : Ingest.IngestBase
{
    public const int MaximumEvents = 100_000;

    /// <summary>The largest single event message: every field of the contract is short.</summary>
    public const int MaximumEventBytes = 16 * 1024;

    public const int MaximumRejectionsListed = 1_000;

    private const int BatchSize = 5_000;

    [Authorize(Roles = Roles.Admin)]
    [Audited]
    public override async Task<IngestSummary> IngestEvents(IAsyncStreamReader<Event> requestStream, ServerCallContext context)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var summary = new IngestSummary();
        var seen = new HashSet<(EventSource, string)>();
        var batch = new List<(int Index, EventRecord Event)>(BatchSize);
        await foreach (var e in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (summary.Received == MaximumEvents)
            {
                throw RpcErrors.Invalid("events", $"a stream may carry at most {MaximumEvents:N0} events; send the rest in another (the first {summary.Stored:N0} valid ones are stored)");
            }

            var index = summary.Received++;
            var problems = new List<(int Field, string Reason)>();
            var raw = new RawEvent(e.EventId.Trim(), e.PersonId.Trim(), e.Date.Trim(), e.Source.Trim(), e.Type.Trim(), e.EndDate.Trim(), e.Detail.Trim());
            var record = EventValidator.Validate(raw, today, problems);
            if (record is not null && !seen.Add((record.Source, record.EventId)))
            {
                problems.Add((0, $"'{record.EventId}' appears twice in this stream for source '{record.Source.Code()}'"));
            }

            if (problems.Count > 0)
            {
                Reject(summary, index, problems);
                continue;
            }

            batch.Add((index, record!));
            if (batch.Count == BatchSize)
            {
                await StoreAsync(batch, summary, context.CancellationToken);
            }
        }

        await StoreAsync(batch, summary, context.CancellationToken);
        // Unknown people are found a batch later than bad fields; the answer lists rejections in stream order.
        var ordered = summary.Rejected.OrderBy(r => r.Index).ToList();
        summary.Rejected.Clear();
        summary.Rejected.Add(ordered);
        logger.LogInformation("Ingested {Stored} of {Received} events; {Rejected} rejected", summary.Stored, summary.Received, summary.RejectedCount);
        audit.Detail = $"received {summary.Received}, stored {summary.Stored}, rejected {summary.RejectedCount}";
        return summary;
    }

    /// <summary>Stores a batch's events whose person is in the store; the rest are rejected by their position in the stream.</summary>
    private async Task StoreAsync(List<(int Index, EventRecord Event)> batch, IngestSummary summary, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var people = batch.Select(b => b.Event.PersonId).Distinct().ToList();
        var known = (await db.People.AsNoTracking().Where(p => people.Contains(p.PersonId)).Select(p => p.PersonId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var valid = new List<EventRecord>(batch.Count);
        foreach (var (index, e) in batch)
        {
            if (known.Contains(e.PersonId))
            {
                valid.Add(e);
            }
            else
            {
                Reject(summary, index, [(1, $"'{e.PersonId}' is not a person in the store")]);
            }
        }

        if (valid.Count > 0)
        {
            // The change log this writes tells every replica's caches, this one's included, which families moved.
            await EventStore.UpsertAsync(db, store, valid, time, cancellationToken);
            summary.Stored += valid.Count;
        }

        batch.Clear();
    }

    /// <summary>Counts every rejected event, and lists the first ones: a default client cannot receive an answer past 4 MB.</summary>
    private static void Reject(IngestSummary summary, int index, IEnumerable<(int Field, string Reason)> problems)
    {
        summary.RejectedCount++;
        foreach (var (field, reason) in problems)
        {
            if (summary.Rejected.Count == MaximumRejectionsListed)
            {
                summary.RejectionsTruncated = true;
                return;
            }

            summary.Rejected.Add(new IngestRejection { Index = index, Field = EventValidator.Fields[field], Reason = ContractFields.Shorten(reason, 300) });
        }
    }
}
