using RiskFlags.Cli.Tests.Support;
using System.Text.Json;

namespace RiskFlags.Cli.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Db => $"Data Source={folder.File("store.db")}";

    [Fact]
    public async Task Demo_data_then_import_loads_every_row_and_a_second_import_changes_no_counts()
    {
        var data = folder.File("demo");
        var demo = await CliRun.RunAsync("demo-data", "--out", data, "--families", "150", "--seed", "5");

        var first = await CliRun.RunAsync("import", data, "--db", Db, "--json");
        var second = await CliRun.RunAsync("import", data, "--db", Db, "--json");

        Assert.Equal(0, demo.ExitCode);
        Assert.Contains("Wrote 150 families", demo.Out);
        Assert.True(File.Exists(Path.Combine(data, "truth.csv")));
        Assert.Equal(0, first.ExitCode);
        using var firstJson = JsonDocument.Parse(first.LastLine);
        using var secondJson = JsonDocument.Parse(second.LastLine);
        foreach (var file in new[] { "families", "people", "events" })
        {
            var counts = firstJson.RootElement.GetProperty(file);
            Assert.True(counts.GetProperty("loaded").GetInt64() > 0);
            Assert.Equal(0, counts.GetProperty("rejected").GetInt64());
            Assert.Equal(counts.GetProperty("loaded").GetInt64(), secondJson.RootElement.GetProperty(file).GetProperty("loaded").GetInt64());
            Assert.Equal(0, secondJson.RootElement.GetProperty(file).GetProperty("written").GetInt64());
        }

        Assert.Equal(150, firstJson.RootElement.GetProperty("families").GetProperty("loaded").GetInt64());
        Assert.Equal(0, second.ExitCode);
    }

    [Fact]
    public async Task Rejected_rows_give_exit_code_3_and_are_listed_in_the_errors_file()
    {
        var data = folder.File("broken");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "families.csv"), "family_id\nF1\n");
        File.WriteAllText(Path.Combine(data, "people.csv"), "person_id,family_id,role,birth_date\nM1,F1,mother,1990-01-01\n");
        File.WriteAllText(Path.Combine(data, "events.csv"), "event_id,person_id,date,source,type\nE1,M1,2024-01-01,police,arrest\nE2,M1,2024-01-01,police,burglary\n");
        var errors = folder.File("rejected.csv");

        var run = await CliRun.RunAsync("import", data, "--db", Db, "--errors", errors, "--json");

        Assert.Equal(3, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastLine);
        Assert.Equal(1, json.RootElement.GetProperty("events").GetProperty("loaded").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("events").GetProperty("rejected").GetInt64());
        var lines = File.ReadAllLines(errors);
        Assert.Equal("File,Line,Column,Field,Reason", lines[0]);
        Assert.StartsWith("events.csv,3,5,type,", lines[1]);
        Assert.Contains("events.csv:3:5: type: 'burglary' is not one of", run.Out);
    }

    [Fact]
    public async Task A_missing_file_gives_exit_code_2_and_names_it()
    {
        var data = folder.File("partial");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "families.csv"), "family_id\nF1\n");

        var run = await CliRun.RunAsync("import", data, "--db", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("people.csv: file not found", run.Error);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("demo-data")]
    [InlineData("demo-data", "--out", "x", "--families", "0")]
    [InlineData("no-such-verb")]
    public async Task A_usage_error_gives_exit_code_2_with_the_reason(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("riskflags: ", run.Error);
    }
}
