using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

public sealed class AdminAndIngestTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_gives_versions_counts_and_the_date_the_data_run_to()
    {
        var status = await server.Factory.Admin(Keys.Scientist).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);

        Assert.Equal(1500, status.Families);
        Assert.True(status.Events > 1000);
        Assert.Equal("2025-03-31", status.DataRunsTo);
        Assert.Equal("Development", status.Environment);
        Assert.Matches("^[0-9a-f]{12}$", status.ModelVersion);
    }

    [Fact]
    public async Task Status_with_drift_checks_the_live_model_on_the_cohort_for_data_scientists_only()
    {
        var plain = await server.Factory.Admin(Keys.Scientist).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);
        var status = await server.Factory.Admin(Keys.Scientist).GetStatusAsync(new GetStatusRequest { Drift = true }, cancellationToken: Cancel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Admin(Keys.Manager).GetStatusAsync(new GetStatusRequest { Drift = true }, cancellationToken: Cancel).ResponseAsync);

        Assert.Null(plain.Drift);
        // The demo store is another sample of the authority the shipped model learnt from: nothing drifts.
        Assert.False(status.Drift.Drifted);
        Assert.Equal("2025-03-31", status.Drift.AsOf);
        Assert.Equal(status.ModelVersion, status.Drift.ModelVersion);
        Assert.Equal("score", status.Drift.Score.Name);
        Assert.Equal(Core.Scoring.FeatureVector.Count, status.Drift.StableFeatures + status.Drift.Shifted.Count);
        Assert.All(status.Drift.Shifted, f => Assert.True(f.Psi >= 0.1));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task An_admin_exports_a_persons_data_the_export_is_audited_and_others_are_refused()
    {
        await using var db = server.Factory.Db();
        var person = await db.Events.GroupBy(e => e.PersonId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => new { g.Key, Count = g.Count() }).FirstAsync(Cancel);
        var family = await db.People.Where(p => p.PersonId == person.Key).Select(p => p.FamilyId).FirstAsync(Cancel);

        var export = await server.Factory.Admin(Keys.Admin).ExportPersonAsync(new ExportPersonRequest { PersonId = person.Key }, cancellationToken: Cancel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Admin(Keys.Mash).ExportPersonAsync(new ExportPersonRequest { PersonId = person.Key }, cancellationToken: Cancel).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Admin(Keys.Admin).ExportPersonAsync(new ExportPersonRequest { PersonId = "P-NOBODY" }, cancellationToken: Cancel).ResponseAsync);

        using var json = System.Text.Json.JsonDocument.Parse(export.Json);
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(records.Count, export.Records);
        Assert.Equal(person.Count, records.Count(r => r.GetProperty("kind").GetString() == "event" && r.GetProperty("subject").GetString() == $"person:{person.Key}"));
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.NotFound), (refused.StatusCode, missing.StatusCode));
        var row = await db.Audit.Where(a => a.Action == "ExportPerson" && a.Outcome == "ok").OrderByDescending(a => a.Id).Select(a => new { a.Caller, Families = a.Families.Select(f => f.FamilyId).ToList() }).FirstAsync(Cancel);
        Assert.Equal("dev-admin", row.Caller);
        Assert.Contains(family, row.Families);
    }

    [Fact]
    public async Task The_audit_log_is_for_admins_and_lists_newest_first()
    {
        await server.Factory.Referrals(Keys.Mash).GetFamilyTimelineAsync(new GetFamilyTimelineRequest { FamilyId = "F000003" }, cancellationToken: Cancel);

        var audit = await server.Factory.Admin(Keys.Admin).ListAuditAsync(new ListAuditRequest { FamilyId = "F000003" }, cancellationToken: Cancel);

        var entry = audit.Entries[0];
        Assert.Equal(("GetFamilyTimeline", "dev-mash-worker", "mash_worker", "ok"), (entry.Action, entry.Caller, entry.Role, entry.Outcome));
        Assert.Equal(audit.Entries.Select(e => e.Id).OrderDescending(), audit.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task The_model_card_is_for_data_scientists()
    {
        var card = await server.Factory.Admin(Keys.Scientist).GetModelCardAsync(new GetModelCardRequest(), cancellationToken: Cancel);

        Assert.StartsWith("# Model card: riskflags.zip", card.Markdown);
        Assert.Contains($"\"version\": \"{card.Version}\"", card.Json);
    }

    [Fact]
    public async Task Ingested_events_are_stored_and_invalid_ones_come_back_with_their_index_and_reason()
    {
        await using var db = server.Factory.Db();
        var person = await db.People.Where(p => p.FamilyId == "F000004").Select(p => p.PersonId).FirstAsync(Cancel);
        using var call = server.Factory.Ingest(Keys.Admin).IngestEvents(cancellationToken: Cancel);

        await call.RequestStream.WriteAsync(new Event { EventId = "FEED-1", PersonId = person, Date = "2025-03-01", Source = "police", Type = "domestic_abuse_incident", Detail = "victim" }, Cancel);
        await call.RequestStream.WriteAsync(new Event { EventId = "FEED-2", PersonId = "NOBODY", Date = "2025-03-01", Source = "police", Type = "arrest" }, Cancel);
        await call.RequestStream.WriteAsync(new Event { EventId = "FEED-3", PersonId = person, Date = "2025-02-30", Source = "health", Type = "ae_attendance" }, Cancel);
        await call.RequestStream.WriteAsync(new Event { EventId = "FEED-4", PersonId = person, Date = "2025-03-02", Source = "school", Type = "arrest" }, Cancel);
        await call.RequestStream.WriteAsync(new Event { EventId = "FEED-5", PersonId = person, Date = "2025-03-03", Source = "health", Type = "ae_attendance" }, Cancel);
        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal((5, 2), (summary.Received, summary.Stored));
        Assert.Equal([(1, "person_id"), (2, "date"), (3, "type")], summary.Rejected.Select(r => (r.Index, r.Field)));
        Assert.Equal("'NOBODY' is not a person in the store", summary.Rejected[0].Reason);
        Assert.Equal(["FEED-1", "FEED-5"], await db.Events.Where(e => e.EventId.StartsWith("FEED-")).OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync(Cancel));
    }
}
