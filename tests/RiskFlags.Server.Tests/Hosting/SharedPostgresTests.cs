using Grpc.Core;
using RiskFlags.Server.Tests.Services;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Hosting;

/// <summary>The server keeps no state of its own: two replicas on one PostgreSQL see each other's work.</summary>
[Collection("Postgres")]
public sealed class SharedPostgresTests : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(database.Available, PostgresDatabase.SkipReason);
        await database.InitializeAsync();
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Two_servers_on_one_postgres_see_each_others_decisions()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var first = new ServerFactory { ConnectionString = database.ConnectionString, DemoFamilies = 200 };
        await using var second = new ServerFactory { ConnectionString = database.ConnectionString, DemoFamilies = 200 };
        _ = first.CreateClient();

        var onFirst = await first.Assessments(Keys.Admin).AssessCohort(new AssessCohortRequest(), cancellationToken: cancel)
            .ResponseStream.ReadAllAsync(cancel).FirstAsync(a => a.Flags.Any(f => f.Rule.StartsWith("Pathway.", StringComparison.Ordinal)), cancel);
        var assessed = await first.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = onFirst.FamilyId }, cancellationToken: cancel);
        var decision = await first.Referrals(Keys.Mash).RecordDecisionAsync(new RecordDecisionRequest
        {
            SuggestionId = assessed.Suggestions[0].SuggestionId, Decision = DecisionKind.Decline, Reason = "already supported by another service", Worker = "W77",
        }, cancellationToken: cancel);

        var seenBySecond = await second.Referrals(Keys.Manager).ListSuggestionsAsync(new ListSuggestionsRequest { Status = "declined" }, cancellationToken: cancel);
        var reassessed = await second.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = onFirst.FamilyId }, cancellationToken: cancel);
        var statusFirst = await first.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: cancel);
        var statusSecond = await second.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: cancel);

        var declined = Assert.Single(seenBySecond.Suggestions);
        Assert.Equal(decision.DecisionId, Assert.Single(declined.Decisions).DecisionId);
        // The other server's decision stands there too: declined on these data, not suggested afresh.
        Assert.Equal("declined", reassessed.Suggestions.Single(s => s.SuggestionId == declined.SuggestionId).Status);
        Assert.Equal((200L, 200L), (statusFirst.Families, statusSecond.Families));
        Assert.StartsWith("PostgreSQL", statusSecond.Store);
    }

    [Fact]
    public async Task An_ingest_through_another_replica_is_seen_by_this_ones_next_assessment_and_cohort()
    {
        await using var first = new ServerFactory { ConnectionString = database.ConnectionString, DemoFamilies = 200 };
        await using var second = new ServerFactory { ConnectionString = database.ConnectionString, DemoFamilies = 200 };
        var (family, before) = await AssessmentFreshnessTests.QuietFamilyAsync(first);
        var cohortBefore = await AssessmentFreshnessTests.CohortEntryAsync(first, family);

        var stored = await FreshEvents.IngestIncidentsAsync(second, family, ["2025-01-10", "2025-02-10", "2025-03-10"]);
        var after = await AssessmentFreshnessTests.AssessAsync(first, family);
        var cohortAfter = await AssessmentFreshnessTests.CohortEntryAsync(first, family);

        Assert.Equal(3, stored);
        Assert.DoesNotContain(before.Flags, f => f.Rule == "DomesticAbuse.RepeatIncidents");
        Assert.DoesNotContain(cohortBefore.Flags, f => f.Rule == "DomesticAbuse.RepeatIncidents");
        Assert.Contains(after.Flags, f => f.Rule == "DomesticAbuse.RepeatIncidents");
        Assert.Contains(cohortAfter.Flags, f => f.Rule == "DomesticAbuse.RepeatIncidents");
    }

    [Fact]
    public async Task A_model_published_through_one_replica_scores_on_the_other_at_its_next_request()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var first = new ServerFactory { ConnectionString = database.ConnectionString, DemoFamilies = 200 };
        await using var second = new ServerFactory { ConnectionString = database.ConnectionString, DemoFamilies = 200 };
        var before = await second.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: cancel);
        var model = SecondModel.Train(first.Folder.File("second.zip"));

        var published = await first.Admin(Keys.Scientist).PublishModelAsync(SecondModel.Request(model, "a smaller model"), cancellationToken: cancel);
        var after = await second.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: cancel);
        var assessed = await AssessmentFreshnessTests.AssessAsync(second, "F000001");
        var registry = await second.Admin(Keys.Scientist).ListModelsAsync(new ListModelsRequest(), cancellationToken: cancel);

        Assert.NotEqual(before.ModelVersion, published.Version);
        Assert.Equal(published.Version, after.ModelVersion);
        Assert.Equal(published.Version, assessed.ModelVersion);
        Assert.Equal(published.Version, registry.LiveVersion);
        Assert.Equal(["dev-data-scientist", "system"], registry.Publications.Select(p => p.PublishedBy));
    }
}

[CollectionDefinition("Postgres", DisableParallelization = true)]
public sealed class PostgresGroup;
