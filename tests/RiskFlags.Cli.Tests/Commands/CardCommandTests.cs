using System.Text.Json;
using RiskFlags.Cli.Tests.Support;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>riskflags card --atrs on the shipped model: the ATRS v4.0 record, the council's fields marked, --check, --council.</summary>
public sealed class CardCommandTests : IDisposable
{
    private static readonly string[] CouncilFields =
    [
        "organisation_name", "phase", "region", "website_url", "contact_email", "organisation_or_department", "team", "senior_responsible_owner",
        "third_party_involvement", "third_party", "companies_house_number", "third_party_role", "procurement_procedure_type", "third_party_data_access_terms",
        "previous_process", "frequency_and_scale_of_usage", "required_training", "appeals_and_review", "source_data_url", "data_collection",
        "data_sharing_agreements", "retention_period", "impact_assessment",
    ];

    private readonly TempFolder folder = new();

    private static string ShippedModel => InstallLayout.Find().Model;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_record_has_every_field_fills_what_the_project_knows_and_check_lists_the_councils_own()
    {
        var run = await CliRun.RunAsync("card", "--model", ShippedModel, "--atrs", "--out", folder.Path, "--check");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("atrs.json")));
        var root = json.RootElement;
        Assert.Equal("4.0", root.GetProperty("atrs_version").GetString());
        Assert.Equal(CouncilFields.Order(), root.GetProperty("to_be_completed").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.All(CouncilFields, f => Assert.Contains($"TO BE COMPLETED: {f} (", run.Out));
        var tier1 = root.GetProperty("tier_1");
        Assert.Equal(["name", "description", "website_url", "contact_email"], tier1.EnumerateObject().Select(p => p.Name));
        var tier2 = root.GetProperty("tier_2");
        Assert.Equal(["Owner and Responsibility", "Description and Rationale", "Deployment Context", "Tool Specification", "Model Specification", "Development Data", "Risks, Mitigations and Impact Assessments"],
            tier2.EnumerateObject().Select(p => p.Name));
        // Filled from the card: the model's version and its measured performance with intervals.
        var model = tier2.GetProperty("Model Specification");
        Assert.Matches("^[0-9a-f]{12}$", model.GetProperty("model_version").GetString()!);
        Assert.Contains("95% interval", model.GetProperty("model_performance").GetString());
        Assert.Contains("Advisory only", tier2.GetProperty("Deployment Context").GetProperty("integration_into_broader_operational_process").GetString());
        Assert.Contains("**TO BE COMPLETED**", File.ReadAllText(folder.File("atrs.md")));
        Assert.Contains("| Solely automated decisions (Art. 22) |", File.ReadAllText(folder.File("dpia-checklist.md")));
    }

    [Fact]
    public async Task The_councils_answers_complete_the_record_and_check_passes()
    {
        File.WriteAllText(folder.File("council.json"), JsonSerializer.Serialize(CouncilFields.ToDictionary(f => f, f => $"our {f}")));

        var run = await CliRun.RunAsync("card", "--model", ShippedModel, "--atrs", "--out", folder.Path, "--council", folder.File("council.json"), "--check");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("TO BE COMPLETED", File.ReadAllText(folder.File("atrs.md")));
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("atrs.json")));
        Assert.Empty(json.RootElement.GetProperty("to_be_completed").EnumerateArray());
        Assert.Equal("our senior_responsible_owner", json.RootElement.GetProperty("tier_2").GetProperty("Owner and Responsibility").GetProperty("senior_responsible_owner").GetString());
    }

    [Theory]
    [InlineData("{\"model_name\": \"ours\"}", "--council: 'model_name' is filled from the model card and the rules, not by the council")]
    [InlineData("{\"teem\": \"x\"}", "--council: 'teem' is not a field of the ATRS record")]
    [InlineData("{\n  \"team\": 3\n}", "council.json:2:")]
    public async Task Answers_that_cannot_be_used_are_refused_naming_the_field_or_line(string answers, string message)
    {
        File.WriteAllText(folder.File("council.json"), answers);

        var run = await CliRun.RunAsync("card", "--model", ShippedModel, "--atrs", "--out", folder.Path, "--council", folder.File("council.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }
}
