using RiskFlags.Core.Capacity;

namespace RiskFlags.Core.Tests.Capacity;

/// <summary>With the shipped defaults, the impact calculator reproduces the seed report's tables (001_d688c2d201f99a90.txt).</summary>
public sealed class ImpactCalculatorTests
{
    private static readonly ProgrammeCatalogue Shipped = ProgrammeCatalogue.Load(Path.Combine(RuleFolders.Shipped, ProgrammeCatalogue.FileName));

    private static Impact Estimate(string programme, double places) =>
        ImpactCalculator.Estimate(Shipped.Find(programme)!, Shipped.CostModel, places);

    [Fact]
    public void Edge_of_care_for_135_and_a_half_families_matches_table_7_to_the_pound()
    {
        var impact = Estimate("edge_of_care", 135.5);

        Assert.Equal(309_618, Math.Round(impact.Cost));
        Assert.Equal(21.68, impact.CareEntriesPrevented!.Value, 10);
        Assert.Equal(1_534_771, Math.Round(impact.GrossSavings));
        Assert.Equal(1_225_153, Math.Round(impact.NetSavings));
        Assert.Equal(649_331, Math.Round(impact.CashableSavings));
        Assert.Equal(4.37, Math.Round(impact.CostNeutralCareEntries, 2));
        Assert.Equal(0.032, Math.Round(impact.CostNeutralShare, 3));
    }

    [Fact]
    public void Sixty_more_steps_places_avert_144_incidents_for_37080_within_the_reports_rounding()
    {
        var impact = Estimate("steps", 60);

        Assert.Equal(144, impact.IncidentsAverted!.Value, 10);
        Assert.Equal(37_080, Math.Round(impact.Cost));
        // Table 6: £133,220; 144 incidents x £1,183 - £37,080 = £133,272 (the report rounded the incidents).
        Assert.InRange(impact.NetSavings, 133_220 - 100, 133_220 + 100);
    }

    [Fact]
    public void Ten_more_perpetrator_places_come_out_slightly_negative()
    {
        var impact = Estimate("dv_perpetrator", 10);

        Assert.Equal(19, impact.IncidentsAverted!.Value, 10);
        Assert.Equal(30_000, Math.Round(impact.Cost));
        // Table 6: -£7,293; 19 incidents x £1,183 - £30,000 = -£7,523.
        Assert.InRange(impact.NetSavings, -7_293 - 500, -7_293 + 500);
        Assert.True(impact.NetSavings < 0);
    }

    [Fact]
    public void The_parenting_expansion_from_148_to_283_places_is_cost_neutral_at_3_point_4_care_entries()
    {
        var impact = Estimate("sfsc", 283 - 148);

        Assert.Equal(237_162, Math.Round(impact.Cost));
        Assert.Equal(3.4, Math.Round(impact.CostNeutralCareEntries, 1));
        Assert.False(impact.HasEffect);
    }

    [Fact]
    public void The_looked_after_child_year_is_the_reports_35_weeks_at_1072_over_0_53()
    {
        var c = Shipped.CostModel;

        Assert.Equal(70_792, Math.Floor(c.WeeksInCarePerYear * c.WeeklyPlacementCost / c.PlacementShareOfCost));
        Assert.Equal(70_792, c.LookedAfterChildYearCost);
    }

    [Fact]
    public void A_programme_without_a_unit_cost_cannot_be_priced()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Estimate("substance_outreach", 10));

        Assert.Equal("programme substance_outreach has no unit cost yet, so what it would cost cannot be estimated", error.Message);
    }
}
