using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Hosting;
using RiskFlags.Server.Security;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>
/// A partner feed pushes events in the shape of events.csv. Each is checked exactly as the importer
/// checks a row; invalid ones come back with their position and reason, valid ones are stored (a
/// changed event replaces the stored one by source and id).
/// </summary>
public sealed class IngestService(RiskFlagsDbContext db, AuditTrail audit, StoreConnection store, StoreView storeView, TimeProvider time, ILogger<IngestService> logger) : Ingest.IngestBase
{
    public const int MaximumEvents = 100_000;

    [Authorize(Roles = Roles.Admin)]
    public override Task<IngestSummary> IngestEvents(IAsyncStreamReader<Event> requestStream, ServerCallContext context) =>
        audit.RunAsync(context, nameof(IngestEvents), null, async () =>
        {
            var received = new List<RawEvent>();
            await foreach (var e in requestStream.ReadAllAsync(context.CancellationToken))
            {
                if (received.Count == MaximumEvents)
                {
                    throw RpcErrors.Invalid("events", $"a stream may carry at most {MaximumEvents:N0} events; send the rest in another");
                }

                received.Add(new RawEvent(e.EventId.Trim(), e.PersonId.Trim(), e.Date.Trim(), e.Source.Trim(), e.Type.Trim(), e.EndDate.Trim(), e.Detail.Trim()));
            }

            var people = received.Select(e => e.PersonId).Distinct().ToList();
            var known = (await db.People.AsNoTracking().Where(p => people.Contains(p.PersonId)).Select(p => p.PersonId).Distinct().ToListAsync(context.CancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var summary = new IngestSummary { Received = received.Count };
            var valid = new List<EventRecord>();
            var seen = new HashSet<(EventSource, string)>();
            for (var i = 0; i < received.Count; i++)
            {
                var problems = new List<(int Field, string Reason)>();
                var record = EventValidator.Validate(received[i], today, problems);
                if (record is not null && !known.Contains(record.PersonId))
                {
                    problems.Add((1, $"'{record.PersonId}' is not a person in the store"));
                }
                else if (record is not null && !seen.Add((record.Source, record.EventId)))
                {
                    problems.Add((0, $"'{record.EventId}' appears twice in this stream for source '{record.Source.Code()}'"));
                }

                if (problems.Count > 0)
                {
                    summary.Rejected.Add(problems.Select(p => new IngestRejection { Index = i, Field = EventValidator.Fields[p.Field], Reason = p.Reason }));
                }
                else
                {
                    valid.Add(record!);
                }
            }

            if (valid.Count > 0)
            {
                await EventStore.UpsertAsync(db, store, valid, time, context.CancellationToken);
                storeView.Forget();
            }

            summary.Stored = valid.Count;
            logger.LogInformation("Ingested {Stored} of {Received} events; {Rejected} rejected", summary.Stored, summary.Received, received.Count - valid.Count);
            return (summary, $"received {summary.Received}, stored {summary.Stored}, rejected {received.Count - valid.Count}");
        });
}
