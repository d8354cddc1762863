using RiskFlags.Core.Assessment;

namespace RiskFlags.Training.Tests;

public sealed class BootstrapTests(TrainedFixture fixture) : IClassFixture<TrainedFixture>
{
    private (double[] Predicted, bool[] Outcome) Scored()
    {
        var rows = Snapshots.Build(fixture.Data, [new DateOnly(2024, 3, 31)]);
        var predicted = new FamilyAssessor(fixture.Model, fixture.Rules).AssessMany(rows.Select(r => r.Facts)).Select(a => a.Score.Probability).ToArray();
        return (predicted, [.. rows.Select(r => r.Outcome)]);
    }

    [Fact]
    public void Precision_at_15_places_rests_on_a_handful_of_families_and_its_interval_is_wide_at_1000_it_is_narrow()
    {
        var (predicted, outcome) = Scored();

        var intervals = Bootstrap.Intervals(predicted, outcome, [("top 15", 15), ("top 1000", 1000)], seed: 42);

        var few = intervals.TopK[0].Precision;
        var many = intervals.TopK[1].Precision;
        Assert.True(few.Width > 0.15, $"15 places: {few}");
        Assert.True(many.Width < 0.08, $"1,000 places: {many}");
        Assert.True(few.Width > 3 * many.Width);
        Assert.InRange(Metrics.TopK("top 15", 15, predicted, outcome).Precision, few.Low, few.High);
        Assert.InRange(Metrics.Auc(predicted, outcome), intervals.Auc.Low, intervals.Auc.High);
    }

    [Fact]
    public void One_draw_of_every_family_once_gives_exactly_the_metrics_figures()
    {
        var (predicted, outcome) = Scored();
        var descending = Enumerable.Range(0, predicted.Length).OrderByDescending(i => predicted[i]).ThenBy(i => i).ToArray();

        var once = Metrics.Weighted(predicted, outcome, descending, [.. Enumerable.Repeat(1, predicted.Length)], [15, 200]);

        Assert.Equal(Metrics.Auc(predicted, outcome), once.Auc, 12);
        Assert.Equal(Metrics.AveragePrecision(predicted, outcome), once.Auprc, 12);
        Assert.Equal(Metrics.Ece(predicted, outcome), once.Ece, 12);
        Assert.Equal(Metrics.TopK("top 15", 15, predicted, outcome).Precision, once.TopK[0].Precision, 12);
        Assert.Equal(Metrics.TopK("top 200", 200, predicted, outcome).Recall, once.TopK[1].Recall, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals_and_another_seed_different_ones()
    {
        var (predicted, outcome) = Scored();

        var first = Bootstrap.Intervals(predicted, outcome, [("top 15", 15)], seed: 7, resamples: 200);
        var again = Bootstrap.Intervals(predicted, outcome, [("top 15", 15)], seed: 7, resamples: 200);
        var other = Bootstrap.Intervals(predicted, outcome, [("top 15", 15)], seed: 8, resamples: 200);

        Assert.Equal(first.Auc, again.Auc);
        Assert.Equal(first.TopK[0], again.TopK[0]);
        Assert.NotEqual(first.Auc, other.Auc);
    }
}
