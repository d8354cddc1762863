using RiskFlags.Core.Capacity;

namespace RiskFlags.Core.Tests.Capacity;

/// <summary>The worth of each further place: enrolled families first, a curve that never rises after them, and the optimum where a place stops paying for itself.</summary>
public sealed class MarginalValueTests
{
    private static readonly ProgrammeCatalogue Shipped = ProgrammeCatalogue.Load(Path.Combine(RuleFolders.Shipped, ProgrammeCatalogue.FileName));
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_optimum_is_the_last_place_that_saves_at_least_its_cost()
    {
        var edge = Shipped.Find("edge_of_care")!;
        // A place saves risk x 0.53 x £70,792 against £2,285: it pays while risk >= 0.0609.
        var risks = new[] { 0.5, 0.2, 0.1, 0.07, 0.05, 0.01 };
        var ranked = ProgrammeAllocation.Rank(edge, [.. risks.Select((r, i) => new AllocationCandidate($"F{i}", r, 0, Monday, 0))], 0);

        var value = MarginalValue.Of(edge, Shipped.CostModel, [], ranked, places: 0);

        Assert.Equal(4, value.OptimalPlaces);
        Assert.Equal(4 * 2285, value.CostToOptimum!.Value, 6);
        Assert.Equal((0.5 + 0.2 + 0.1 + 0.07) * 0.53 * 70_792, value.SavingToOptimum!.Value, 6);
        Assert.Equal([1, 2, 3, 4, 5, 6], value.Places.Select(p => p.Place));
    }

    [Fact]
    public void Enrolled_families_come_first_and_the_curve_never_rises_after_them()
    {
        var steps = Shipped.Find("steps")!;
        var random = new Random(7);
        var candidates = Enumerable.Range(0, 200).Select(i => new AllocationCandidate($"F{i:D3}", random.NextDouble(), random.Next(8), Monday, 0)).ToList();
        var ranked = ProgrammeAllocation.Rank(steps, candidates, 10);

        var value = MarginalValue.Of(steps, Shipped.CostModel, [("E1", 0.1), ("E2", 9.0)], ranked, places: 75);

        Assert.Equal(["E1", "E2"], value.Places.Take(2).Select(p => p.FamilyId));
        Assert.All(value.Places.Take(2), p => Assert.True(p.Enrolled));
        var after = value.Places.Skip(2).ToList();
        Assert.All(after.Zip(after.Skip(1)), pair => Assert.True(pair.First.ExpectedSaving >= pair.Second.ExpectedSaving));
        Assert.NotNull(value.OptimalPlaces);
        Assert.True(value.OptimalPlaces >= 2);
    }

    [Fact]
    public void Fewer_places_than_today_at_the_optimum_show_as_a_saving_of_cost_and_a_loss_of_savings()
    {
        var edge = Shipped.Find("edge_of_care")!;
        var ranked = ProgrammeAllocation.Rank(edge, [new AllocationCandidate("F1", 0.5, 0, Monday, 0), new AllocationCandidate("F2", 0.01, 0, Monday, 0)], 2);

        var value = MarginalValue.Of(edge, Shipped.CostModel, [], ranked, places: 2);

        Assert.Equal(1, value.OptimalPlaces);
        Assert.Equal(-2285, value.CostToOptimum!.Value, 6);
        Assert.Equal(-0.01 * 0.53 * 70_792, value.SavingToOptimum!.Value, 6);
    }

    [Fact]
    public void A_programme_without_an_effect_or_a_cost_has_a_curve_but_no_optimum()
    {
        var sfsc = Shipped.Find("sfsc")!;
        var ranked = ProgrammeAllocation.Rank(sfsc, [new AllocationCandidate("F1", 0.5, 0, Monday, 0)], 1);

        var value = MarginalValue.Of(sfsc, Shipped.CostModel, [], ranked, places: 128);

        Assert.Single(value.Places);
        Assert.Null(value.OptimalPlaces);
        Assert.Null(value.Places[0].ExpectedSaving);
    }
}
