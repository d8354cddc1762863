using System.Text.Json;
using RiskFlags.Cli.Tests.Support;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Cli.Tests.Commands;

public sealed class ModelCompareTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Two_models_are_shown_figure_by_figure_on_the_same_families_with_intervals()
    {
        var data = folder.File("demo");
        await CliRun.RunAsync("demo-data", "--out", data, "--children", "12000", "--seed", "9");
        var model = InstallLayout.Find().Model;
        var other = folder.File("other.zip");
        Assert.Equal(0, (await CliRun.RunAsync("train", "--data", data, "--as-of", "2021-03-31,2022-03-31,2023-03-31", "--out", other, "--trees", "40", "--leaves", "4")).ExitCode);

        var same = await CliRun.RunAsync("model", "compare", model, model, "--data", data, "--as-of", "2024-03-31", "--json");
        var run = await CliRun.RunAsync("model", "compare", model, other, "--data", data, "--as-of", "2024-03-31", "--json");

        Assert.Equal(0, run.ExitCode);
        using var sameJson = JsonDocument.Parse(same.LastLine);
        Assert.All(sameJson.RootElement.GetProperty("figures").EnumerateArray(), f =>
            Assert.Equal(f.GetProperty("a").ToString(), f.GetProperty("b").ToString()));
        using var json = JsonDocument.Parse(run.LastLine);
        var figures = json.RootElement.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("figure").GetString()!);
        Assert.Equal(2, figures["AUC"].GetProperty("a_interval").GetArrayLength());
        Assert.Equal(2, figures["precision at top 15 (pause places)"].GetProperty("b_interval").GetArrayLength());
        Assert.NotEqual(figures["AUC"].GetProperty("a").GetDouble(), figures["AUC"].GetProperty("b").GetDouble());
        Assert.Contains("groups outside the fairness band", figures.Keys);
    }
}
