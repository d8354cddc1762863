namespace RiskFlags.Training.Tests;

public sealed class FairnessTests
{
    /// <summary>
    /// Group A (2,000 families, the reference) is flagged 10% of the time, group B (1,000) 20%: B's
    /// selection ratio is 2.0, outside the band; their error rates and calibration are built equal.
    /// Group C has 40 families: too small to read.
    /// </summary>
    private static (string[] Groups, double[] Predicted, bool[] Outcome) World()
    {
        var groups = new List<string>();
        var predicted = new List<double>();
        var outcome = new List<bool>();
        void Add(string group, int n, int flagged)
        {
            for (var i = 0; i < n; i++)
            {
                groups.Add(group);
                // The first families are flagged; every tenth family has the outcome, flagged or not, so the
                // true and false positive rates both equal the selection rate.
                predicted.Add(i < flagged ? 0.3 : 0.05);
                outcome.Add(i % 10 == 0);
            }
        }

        Add("A", 2000, 200);
        Add("B", 1000, 200);
        Add("C", 40, 4);
        return ([.. groups], [.. predicted], [.. outcome]);
    }

    [Fact]
    public void Ratios_are_to_the_largest_group_with_intervals_and_the_band_marked()
    {
        var (groups, predicted, outcome) = World();

        var audit = Fairness.Audit("group", groups, predicted, outcome, flagAt: 0.2, seed: 1);

        Assert.Equal("A", audit.Reference);
        var a = audit.Groups.Single(g => g.Group == "A");
        var b = audit.Groups.Single(g => g.Group == "B");
        Assert.Equal(1.0, a.SelectionRate!.Value!.Value, 9);
        Assert.True(a.SelectionRate.WithinBand);
        Assert.Equal(2.0, b.SelectionRate!.Value!.Value, 9);
        Assert.False(b.SelectionRate.WithinBand);
        Assert.InRange(2.0, b.SelectionRate.Interval!.Low, b.SelectionRate.Interval.High);
        Assert.True(b.SelectionRate.Interval.Low > FairnessRatio.BandHigh, "a doubling on 1,000 families is not noise");
        Assert.Equal(2.0, b.TruePositiveRate!.Value!.Value, 9);
        Assert.Equal(2.0, b.FalsePositiveRate!.Value!.Value, 9);
        // Mean predicted over observed: (0.2 x 0.3 + 0.8 x 0.05) / 0.1 = 1.0 for B, (0.1 x 0.3 + 0.9 x 0.05) / 0.1 = 0.75 for A.
        Assert.Equal(1.0 / 0.75, b.Calibration!.Value!.Value, 9);
    }

    [Fact]
    public void A_group_too_small_to_read_is_said_to_be_so_and_given_no_numbers()
    {
        var (groups, predicted, outcome) = World();

        var c = Fairness.Audit("group", groups, predicted, outcome, flagAt: 0.2, seed: 1).Groups.Single(g => g.Group == "C");

        Assert.True(c.TooSmall);
        Assert.Equal(40, c.N);
        Assert.Null(c.SelectionRate);
        Assert.Null(c.Calibration);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals()
    {
        var (groups, predicted, outcome) = World();

        var first = Fairness.Audit("group", groups, predicted, outcome, 0.2, seed: 3).Groups.Single(g => g.Group == "B");
        var again = Fairness.Audit("group", groups, predicted, outcome, 0.2, seed: 3).Groups.Single(g => g.Group == "B");

        Assert.Equal(first.FalsePositiveRate!.Interval, again.FalsePositiveRate!.Interval);
    }
}
