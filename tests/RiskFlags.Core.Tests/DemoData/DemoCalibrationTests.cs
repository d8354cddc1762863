using System.Globalization;
using RiskFlags.Core.DemoData;

namespace RiskFlags.Core.Tests.DemoData;

/// <summary>The default demo authority, for two seeds, against the seed reports' figures.</summary>
public sealed class DemoCalibrationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_figure_of_the_default_authority_is_within_its_band(int seed)
    {
        using var folder = new TempFolder();
        var summary = DemoDataGenerator.Write(new DemoDataOptions { Seed = seed }, folder.Path);

        Assert.Equal(16, summary.Calibration.Count);
        Assert.All(summary.Calibration, f => Assert.True(f.WithinBand, $"{f.Figure}: {f.Demo} outside {f.Low}-{f.High} (report {f.Report}, {f.Source})"));
        var figures = summary.Calibration.ToDictionary(f => f.Figure);

        // The bands, beside the table's own: counts within 25% of the report's at 31 March 2024.
        Assert.InRange(figures["children in need (open CIN plan) at 31 March"].Demo, 1074 * 0.75, 1074 * 1.25);
        Assert.InRange(figures["children on a child protection plan at 31 March"].Demo, 281 * 0.75, 281 * 1.25);
        Assert.InRange(figures["children looked after at 31 March, besides 38 UASC"].Demo + DemoCalibration.ReportUasc, 345 * 0.75, 345 * 1.25);
        Assert.InRange(figures["children starting to be looked after in the year"].Demo, 100, 250);
        Assert.InRange(figures["cohort families at 31 March"].Demo, 6000, 12000);

        var rows = File.ReadAllLines(folder.File(DemoDataGenerator.CalibrationFile));
        Assert.Equal("figure,demo,report,low,high,within_band,source", rows[0]);
        Assert.Equal(summary.Calibration.Count + 1, rows.Length);
        Assert.Contains(rows, r => r.StartsWith("children on a child protection plan at 31 March,"
            + figures["children on a child protection plan at 31 March"].Demo.ToString(CultureInfo.InvariantCulture) + ",281,", StringComparison.Ordinal));
    }

    [Fact]
    public void Bands_for_counts_scale_with_the_authority_and_shares_do_not()
    {
        using var folder = new TempFolder();
        var summary = DemoDataGenerator.Write(new DemoDataOptions { Families = DemoDataOptions.FamiliesFor(4200), Seed = 3 }, folder.Path);
        var figures = summary.Calibration.ToDictionary(f => f.Figure);

        Assert.Equal(2600, summary.Families);
        Assert.Equal(28.1, figures["children on a child protection plan at 31 March"].Report, 6);
        Assert.Equal(0.54, figures["care entrants: police at the home in the year before"].Report, 6);
        Assert.InRange(figures["children aged 0-17"].Demo, 4200 * 0.9, 4200 * 1.1);
    }
}
