using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>
/// D5: accepts and ends arriving at once give places, and tell positions, exactly in the order the
/// store takes them: no two waiting families told the same position, nobody ahead of a family that
/// was refused a place before them, and two ends promote the first two waiting, in order.
/// </summary>
[Trait("Finding", "D5")]
public abstract class WaitingListConcurrencyTests : IAsyncLifetime
{
    private const string Programme = "sfsc";
    private const int Places = 3;
    private const int Accepts = 20;

    protected abstract ServerFactory Server { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (ServerOrNull is { } started)
        {
            await started.DisposeAsync();
        }
    }

    /// <summary>The server, or null when the test was skipped before it was made.</summary>
    protected virtual ServerFactory? ServerOrNull => Server;

    [Fact]
    public async Task Parallel_accepts_fill_the_places_then_queue_with_exact_distinct_positions_and_parallel_ends_promote_in_order()
    {
        var admin = Server.Capacity(Keys.Admin);
        var catalogue = await admin.ListProgrammesAsync(new ListProgrammesRequest(), cancellationToken: Cancel);
        await admin.UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = Programme, PlacesPerYear = Places, Version = catalogue.Version }, cancellationToken: Cancel);
        var flagged = await Server.Referrals(Keys.Manager).ListFlaggedCohortAsync(new ListFlaggedCohortRequest { Programme = Programme, Status = "not_referred", PageSize = Accepts }, cancellationToken: Cancel);
        var suggestions = new List<string>();
        foreach (var family in flagged.Families)
        {
            var assessment = await Server.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family.FamilyId }, cancellationToken: Cancel);
            suggestions.Add(assessment.Suggestions.Single(s => s.Programme == Programme).SuggestionId);
        }

        Assert.Equal(Accepts, suggestions.Count);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = suggestions.Select((id, i) => Task.Run(async () =>
        {
            var referrals = Server.Referrals(Keys.Mash);
            await start.Task;
            return await referrals.RecordDecisionAsync(new RecordDecisionRequest { SuggestionId = id, Decision = DecisionKind.Accept, Worker = $"W{i}" }, cancellationToken: Cancel);
        })).ToList();
        start.SetResult();
        var decisions = await Task.WhenAll(calls);

        var enrolled = decisions.Where(d => d.Enrolment.Status == "enrolled").ToList();
        var waiting = decisions.Where(d => d.Enrolment.Status == "waiting").ToList();
        Assert.Equal(Places, enrolled.Count);
        Assert.Equal(Enumerable.Range(1, Accepts - Places), waiting.Select(d => d.Enrolment.Position).Order());
        var list = await Server.Referrals(Keys.Mash).GetWaitingListAsync(new GetWaitingListRequest { ProgrammeId = Programme }, cancellationToken: Cancel);
        Assert.Equal(Enumerable.Range(1, Accepts - Places), list.Waiting.Select(w => w.Position));
        // Each family was told the place it holds.
        Assert.All(waiting, d => Assert.Equal(d.Enrolment.Position, list.Waiting.Single(w => w.EnrolmentId == d.Enrolment.EnrolmentId).Position));

        var manager = Server.Referrals(Keys.Manager);
        var ends = await Task.WhenAll(enrolled.Take(2).Select(d => Task.Run(async () =>
            await manager.EndEnrolmentAsync(new EndEnrolmentRequest { EnrolmentId = d.Enrolment.EnrolmentId, Reason = "completed the programme" }, cancellationToken: Cancel))));

        Assert.Equal(list.Waiting.Take(2).Select(w => w.EnrolmentId).Order(), ends.Select(e => e.Promoted.EnrolmentId).Order());
        var after = await Server.Referrals(Keys.Mash).GetWaitingListAsync(new GetWaitingListRequest { ProgrammeId = Programme }, cancellationToken: Cancel);
        Assert.Equal(list.Waiting.Skip(2).Select(w => w.EnrolmentId), after.Waiting.Select(w => w.EnrolmentId));
        Assert.Equal(Enumerable.Range(1, Accepts - Places - 2), after.Waiting.Select(w => w.Position));
        Assert.Equal(Places, after.Enrolled);
    }
}

public sealed class SqliteWaitingListConcurrencyTests : WaitingListConcurrencyTests
{
    private readonly ServerFactory server = new() { DemoFamilies = 2000 };

    protected override ServerFactory Server => server;
}

[Collection("Postgres")]
public sealed class PostgresWaitingListConcurrencyTests : WaitingListConcurrencyTests
{
    private readonly PostgresDatabase database = new();
    private ServerFactory? server;

    protected override ServerFactory Server => server!;

    protected override ServerFactory? ServerOrNull => server;

    public override async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(database.Available, PostgresDatabase.SkipReason);
        await database.InitializeAsync();
        server = new ServerFactory { ConnectionString = database.ConnectionString, DemoFamilies = 2000 };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}
