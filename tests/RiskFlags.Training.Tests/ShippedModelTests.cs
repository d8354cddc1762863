using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training.Tests;

/// <summary>The model in models/ must load, match its card, and meet the targets its card reports.</summary>
public sealed class ShippedModelTests
{
    private static readonly string ModelPath = InstallLayout.Find().Model;

    [Fact]
    public void The_shipped_model_loads_and_its_card_matches_it()
    {
        var model = RiskModel.Load(ModelPath);
        var card = ModelCard.Read(ModelPath);

        Assert.Equal(model.Version, card.Version);
        Assert.Equal(model.Manifest.Seed, card.Seed);
        Assert.Equal(FeatureVector.Names, card.Features.Select(f => f.Name));
        Assert.Equal(card.Model, Path.GetFileName(ModelPath));
        Assert.StartsWith("riskflags train --data ", card.Command);
        Assert.True(File.Exists(ModelCard.MarkdownPath(ModelPath)));
    }

    [Fact]
    public void The_shipped_models_card_shows_the_targets_met_out_of_time()
    {
        var test = ModelCard.Read(ModelPath).OutOfTimeTest!;

        Assert.Equal("2024-03-31", test.AsOf);
        Assert.True(test.Scores.Auc >= 0.97 * test.OracleAuc!.Value, $"AUC {test.Scores.Auc} is below 0.97 of the oracle {test.OracleAuc}");
        Assert.True(test.Scores.Ece <= 0.02, $"ECE {test.Scores.Ece}");
        Assert.True(test.Scores.Auc > test.Baselines.LogisticRegressionAuc);
        Assert.True(test.Scores.Auc > test.Baselines.RulesOnlyAuc);
    }

    [Fact]
    public void Explanations_name_what_the_records_show_in_plain_words()
    {
        var facts = new FamilyFacts
        {
            FamilyId = "F", AsOf = new DateOnly(2024, 3, 31), ChildrenAtHome = 2, Children = 2, HasMother = true, MotherAge = 30,
            DomesticAbuseIncidents12m = 3, DomesticAbuseVictim12m = 3, DomesticAbuseMotherVictim12m = 3, OpenChildProtectionPlan = true,
        };

        var score = RiskModel.Load(ModelPath).Score(facts);

        // Above the demo authority's 2% base rate, though not in the high band on its own.
        Assert.True(score.Probability > 0.02, $"risk {score.Probability}");
        Assert.Contains(score.TopFactors, f => f.Text.StartsWith("domestic abuse incidents", StringComparison.Ordinal) && f.Text.EndsWith("= 3", StringComparison.Ordinal));
        Assert.Contains("a child protection plan now = yes", score.TopFactors.Select(f => f.Text));
        Assert.All(score.TopFactors, f => Assert.NotEqual(0, f.Value));
    }
}
