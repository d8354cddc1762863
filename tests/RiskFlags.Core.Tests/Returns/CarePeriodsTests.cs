using RiskFlags.Core.Returns;

namespace RiskFlags.Core.Tests.Returns;

public sealed class CarePeriodsTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void A_start_then_two_changes_then_adoption_is_one_period_with_the_first_legal_status_and_the_last_end()
    {
        var periods = CarePeriods.Build(
        [
            new("C1", D(2021, 5, 3), "S", "C1", D(2021, 9, 1), "X1"),
            new("C1", D(2021, 9, 1), "L", "C2", D(2022, 2, 10), "X1"),
            new("C1", D(2022, 2, 10), "P", "E1", D(2023, 6, 30), "E11"),
        ]);

        var period = Assert.Single(periods);
        Assert.Equal((D(2021, 5, 3), D(2023, 6, 30)), (period.Start, period.End!.Value));
        Assert.Equal("interim_care_order/adopted", period.Detail);
        Assert.Equal(3, period.Episodes);
        Assert.False(period.LeftCensored);
    }

    [Fact]
    public void A_period_whose_first_episode_in_the_data_is_not_a_start_is_left_censored()
    {
        var period = Assert.Single(CarePeriods.Build([new("C2", D(2022, 4, 1), "P", "C2", null, null)]));

        Assert.True(period.LeftCensored);
        Assert.Null(period.End);
        Assert.Equal("care_order", period.Detail);
    }

    [Fact]
    public void A_blank_end_date_is_open_whatever_the_reason_says_and_a_later_start_is_a_new_period()
    {
        var periods = CarePeriods.Build(
        [
            new("C3", D(2020, 1, 6), "S", "V2", null, "E4A"),
            new("C3", D(2023, 3, 1), "S", "C1", D(2023, 8, 1), "E4B"),
        ]);

        Assert.Equal(2, periods.Count);
        Assert.Null(periods[0].End);
        Assert.Equal("s20", periods[0].Detail);
        Assert.Equal("interim_care_order/returned_home", periods[1].Detail);
    }

    [Fact]
    public void A_gap_after_a_change_of_placement_starts_a_new_period_and_the_first_ends_for_an_unknown_reason()
    {
        var periods = CarePeriods.Build(
        [
            new("C4", D(2021, 1, 1), "S", "V2", D(2021, 3, 1), "X1"),
            new("C4", D(2021, 4, 1), "P", "V2", D(2021, 6, 1), "E13"),
        ]);

        Assert.Equal(2, periods.Count);
        Assert.Equal("s20/unknown", periods[0].Detail);
        Assert.True(periods[1].LeftCensored);
        Assert.Equal("s20/returned_home", periods[1].Detail);
    }

    [Fact]
    public void Leaving_for_independent_living_on_or_after_the_18th_birthday_is_turning_18()
    {
        var births = new Dictionary<string, DateOnly> { ["C5"] = D(2005, 7, 1), ["C6"] = D(2007, 7, 1) };

        var periods = CarePeriods.Build(
        [
            new("C5", D(2020, 1, 1), "S", "C2", D(2023, 7, 1), "E5"),
            new("C6", D(2020, 1, 1), "S", "C2", D(2023, 7, 1), "E5"),
        ], births);

        Assert.Equal(["care_order/turned_18", "care_order/independent_living"], periods.Select(p => p.Detail));
    }

    [Fact]
    public void An_episode_repeated_in_two_years_returns_is_kept_once_the_later_year_winning()
    {
        var periods = CarePeriods.Build(
        [
            new("C7", D(2022, 11, 1), "S", "C1", null, null, Year: 2023),
            new("C7", D(2022, 11, 1), "S", "C1", D(2023, 9, 1), "E45", Year: 2024),
        ]);

        var period = Assert.Single(periods);
        Assert.Equal("interim_care_order/sgo", period.Detail);
        Assert.Equal(1, period.Episodes);
    }

    [Theory]
    [InlineData("C1", "interim_care_order")]
    [InlineData("D1", "placement_order")]
    [InlineData("E1", "placement_order")]
    [InlineData("L1", "police_protection")]
    [InlineData("J1", "remand")]
    [InlineData("L2", "emergency_protection_order")]
    [InlineData("L3", "child_assessment_order")]
    [InlineData("J3", "youth_justice")]
    [InlineData("V3", "short_breaks")]
    [InlineData("V4", "short_breaks")]
    [InlineData("Q9", null)]
    public void Legal_statuses_map_onto_the_contract_short_breaks_included(string code, string? status)
    {
        Assert.Equal(status, Ssda903Codes.LegalStatus(code));
        Assert.Equal(status is not null, Ssda903Codes.IsLegalStatus(code));
    }
}
