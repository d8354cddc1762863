using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Training.Tests.Support;

namespace RiskFlags.Training.Tests;

/// <summary>
/// Trained and scored on linked data RiskFlags did not generate, the model must still rank close to
/// that data's best possible ranking, and beat the simple baselines there.
/// </summary>
public sealed class AlternativeWorldTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void On_another_authoritys_data_the_model_ranks_close_to_the_best_possible()
    {
        var data = folder.File("elsewhere");
        AlternativeWorld.Write(data, households: 12_000, seed: 99);
        var rejected = new List<RowError>();
        var index = LinkedDataIndex.Load(data, TimeProvider.System, rejected.Add);
        var rules = RuleSetLoader.Load(InstallLayout.Find().Rules);
        var truth = DemoDataGenerator.ReadTruth(Path.Combine(data, "truth.csv"));

        var trained = new RiskModelTrainer(TimeProvider.System).Train(
            index, "another authority", new TrainingOptions { AsOf = [new(2020, 3, 31), new(2021, 3, 31), new(2022, 3, 31)] },
            folder.File("elsewhere.zip"), rules, null, truth, "test");
        var test = trained.Card.OutOfTimeTest!;

        Assert.Empty(rejected.Select(r => r.ToString()));
        Assert.Equal("2023-03-31", test.AsOf);
        Assert.InRange(test.Scores.BaseRate, 0.02, 0.2);
        Assert.True(test.Scores.Auc >= 0.95 * test.OracleAuc!.Value, $"AUC {test.Scores.Auc:0.000} against the best possible {test.OracleAuc:0.000}");
        Assert.True(test.Scores.Auc > test.Baselines.RulesOnlyAuc, $"AUC {test.Scores.Auc:0.000}, rules only {test.Baselines.RulesOnlyAuc:0.000}");
        Assert.InRange(test.Scores.Ece, 0, 0.03);
        TestContext.Current.SendDiagnosticMessage(
            $"another authority: AUC {test.Scores.Auc:0.000}, best possible {test.OracleAuc:0.000}, logistic regression {test.Baselines.LogisticRegressionAuc:0.000}, rules only {test.Baselines.RulesOnlyAuc:0.000}, ECE {test.Scores.Ece:0.0000}");
    }
}
