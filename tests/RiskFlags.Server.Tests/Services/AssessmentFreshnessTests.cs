using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;
using RiskFlags.Training;

namespace RiskFlags.Server.Tests.Services;

/// <summary>
/// Assessments are kept per family for the store's data version and the live model and rules: an
/// ingest, a rules reload or a model reload that changes a family is seen by the very next answer,
/// for that family and in the cohort, never a kept answer from before.
/// </summary>
public sealed class AssessmentFreshnessTests : IAsyncLifetime
{
    private const string RepeatIncidents = "DomesticAbuse.RepeatIncidents";
    private readonly ServerFactory server = new() { DemoFamilies = 300 };
    private string rules = "";
    private string models = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        rules = RuleFolders.CopyShipped(server.Folder);
        models = server.Folder.File("models");
        Directory.CreateDirectory(models);
        File.Copy(InstallLayout.Find().Model, Path.Combine(models, "riskflags.zip"));
        server.Settings["RiskFlags:RulesPath"] = rules;
        server.Settings["RiskFlags:ModelPath"] = Path.Combine(models, "riskflags.zip");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task An_ingest_that_changes_a_family_is_seen_by_the_next_assessment_and_in_the_cohort()
    {
        var (family, before) = await QuietFamilyAsync(server);
        var cohortBefore = await CohortEntryAsync(server, family);

        var stored = await FreshEvents.IngestIncidentsAsync(server, family, ["2025-01-10", "2025-02-10", "2025-03-10"]);
        var after = await AssessAsync(server, family);
        var cohortAfter = await CohortEntryAsync(server, family);

        Assert.Equal(3, stored);
        Assert.DoesNotContain(before.Flags, f => f.Rule == RepeatIncidents);
        Assert.DoesNotContain(cohortBefore.Flags, f => f.Rule == RepeatIncidents);
        Assert.Contains(after.Flags, f => f.Rule == RepeatIncidents);
        Assert.Contains(cohortAfter.Flags, f => f.Rule == RepeatIncidents);
        Assert.Equal(after.RiskScore, cohortAfter.RiskScore, 6);
    }

    [Fact]
    public async Task A_rules_reload_that_changes_a_family_is_seen_at_once_and_reloading_back_restores_it()
    {
        var (family, _) = await QuietFamilyAsync(server);
        await FreshEvents.IngestIncidentsAsync(server, family, ["2025-01-10", "2025-02-10"]);
        var atTwo = await AssessAsync(server, family);
        var stricter = Path.Combine(rules, "stricter");
        Directory.CreateDirectory(stricter);
        foreach (var file in Directory.GetFiles(rules, "*.json"))
        {
            File.Copy(file, Path.Combine(stricter, Path.GetFileName(file)));
        }

        RuleFolders.Edit(stricter, "domestic_abuse.json", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"2\" }", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"3\" }");

        var reloaded = await server.Admin(Keys.Admin).ReloadRulesAsync(new ReloadRequest { Name = "stricter" }, cancellationToken: Cancel);
        var underStricter = await AssessAsync(server, family);
        var cohortUnderStricter = await CohortEntryAsync(server, family);
        await server.Admin(Keys.Admin).ReloadRulesAsync(new ReloadRequest(), cancellationToken: Cancel);
        var restored = await AssessAsync(server, family);

        Assert.Contains(atTwo.Flags, f => f.Rule == RepeatIncidents);
        Assert.Equal(reloaded.Version, underStricter.RulesVersion);
        Assert.DoesNotContain(underStricter.Flags, f => f.Rule == RepeatIncidents);
        Assert.DoesNotContain(cohortUnderStricter.Flags, f => f.Rule == RepeatIncidents);
        Assert.Equal(atTwo.RulesVersion, restored.RulesVersion);
        Assert.Contains(restored.Flags, f => f.Rule == RepeatIncidents);
    }

    [Fact]
    public async Task A_model_publication_is_seen_at_once_by_single_families_and_the_cohort()
    {
        var families = Enumerable.Range(1, 12).Select(i => $"F{i:D6}").ToList();
        var before = await Task.WhenAll(families.Select(f => AssessAsync(server, f)));
        var cohortBefore = await CohortAsync(server);
        var second = SecondModel.Train(Path.Combine(models, "second.zip"));

        var reloaded = await server.Admin(Keys.Scientist).PublishModelAsync(SecondModel.Request(second, "a smaller model"), cancellationToken: Cancel);
        var after = await Task.WhenAll(families.Select(f => AssessAsync(server, f)));
        var cohortAfter = await CohortAsync(server);

        Assert.NotEqual(reloaded.PreviousVersion, reloaded.Version);
        Assert.True(reloaded.Live);
        Assert.All(after, a => Assert.Equal(reloaded.Version, a.ModelVersion));
        Assert.All(cohortAfter.Values, a => Assert.Equal(reloaded.Version, a.ModelVersion));
        Assert.Contains(families.Index(), x => Math.Abs(before[x.Index].RiskScore - after[x.Index].RiskScore) > 1e-6);
        var shared = cohortAfter.Keys.Intersect(cohortBefore.Keys).ToList();
        Assert.Contains(shared, f => Math.Abs(cohortBefore[f].RiskScore - cohortAfter[f].RiskScore) > 1e-6);
    }

    internal static Task<Assessment> AssessAsync(ServerFactory factory, string family) =>
        factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel).ResponseAsync;

    /// <summary>A cohort family with no repeated domestic abuse yet, and its assessment now.</summary>
    internal static async Task<(string Family, Assessment Assessment)> QuietFamilyAsync(ServerFactory factory)
    {
        for (var i = 1; i <= 300; i++)
        {
            var assessment = await AssessAsync(factory, $"F{i:D6}");
            if (assessment.InCohort && assessment.Flags.All(f => !f.Rule.StartsWith("DomesticAbuse.", StringComparison.Ordinal)))
            {
                return (assessment.FamilyId, assessment);
            }
        }

        throw new InvalidOperationException("the demo data hold no cohort family without domestic abuse");
    }

    internal static async Task<Assessment> CohortEntryAsync(ServerFactory factory, string family) => (await CohortAsync(factory))[family];

    internal static async Task<Dictionary<string, Assessment>> CohortAsync(ServerFactory factory)
    {
        using var call = factory.Assessments(Keys.Admin).AssessCohort(new AssessCohortRequest(), cancellationToken: Cancel);
        return await call.ResponseStream.ReadAllAsync(Cancel).ToDictionaryAsync(a => a.FamilyId, cancellationToken: Cancel);
    }
}

/// <summary>Events sent through the ingest feed, as a partner agency's system would.</summary>
internal static class FreshEvents
{
    /// <summary>Domestic abuse incidents, one on each date, with the family's mother as victim; returns how many were stored.</summary>
    public static async Task<int> IngestIncidentsAsync(ServerFactory factory, string family, IReadOnlyList<string> dates)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var db = factory.Db();
        var mother = await db.People.Where(p => p.FamilyId == family && p.Role == "mother").Select(p => p.PersonId).FirstAsync(cancel);
        using var call = factory.Ingest(Keys.Admin).IngestEvents(cancellationToken: cancel);
        foreach (var date in dates)
        {
            await call.RequestStream.WriteAsync(new Event
            {
                EventId = $"FRESH-{family}-{date}", PersonId = mother, Date = date, Source = "police", Type = "domestic_abuse_incident", Detail = "victim",
            }, cancel);
        }

        await call.RequestStream.CompleteAsync();
        var summary = await call;
        Assert.Empty(summary.Rejected);
        return summary.Stored;
    }
}
