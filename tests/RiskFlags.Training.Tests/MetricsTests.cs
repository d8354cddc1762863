namespace RiskFlags.Training.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Auc_is_one_for_a_perfect_ranking_zero_for_a_reversed_one_and_half_for_ties()
    {
        bool[] outcome = [false, false, true, true];

        Assert.Equal(1.0, Metrics.Auc([0.1, 0.2, 0.8, 0.9], outcome));
        Assert.Equal(0.0, Metrics.Auc([0.9, 0.8, 0.2, 0.1], outcome));
        Assert.Equal(0.5, Metrics.Auc([0.5, 0.5, 0.5, 0.5], outcome));
        Assert.Equal(0.75, Metrics.Auc([0.1, 0.6, 0.5, 0.9], outcome));
    }

    [Fact]
    public void Calibration_error_is_the_size_weighted_gap_between_predicted_and_observed()
    {
        // Four families predicted 0.25: right when one of them has the outcome, a quarter out when none does.
        Assert.Equal(0.0, Metrics.Ece([0.25, 0.25, 0.25, 0.25], [true, false, false, false]), 10);
        Assert.Equal(0.25, Metrics.Ece([0.25, 0.25, 0.25, 0.25], [false, false, false, false]), 10);
    }

    [Fact]
    public void Precision_and_recall_at_a_threshold_and_at_top_k()
    {
        double[] predicted = [0.9, 0.7, 0.3, 0.1];
        bool[] outcome = [true, false, true, false];

        Assert.Equal(new PrecisionRecall("p>=0.5", 2, 0.5, 0.5), Metrics.AtThreshold("p>=0.5", 0.5, predicted, outcome));
        Assert.Equal(new PrecisionRecall("top 1", 1, 1.0, 0.5), Metrics.TopK("top 1", 1, predicted, outcome));
        Assert.Equal((0.01 + 0.49 + 0.49 + 0.01) / 4, Metrics.Brier(predicted, outcome), 10);
    }
}
