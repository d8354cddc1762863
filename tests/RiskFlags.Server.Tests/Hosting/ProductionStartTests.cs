using System.Net.Http.Json;
using System.Text.Json;
using RiskFlags.Data;
using RiskFlags.Server.Tests.Support;

namespace RiskFlags.Server.Tests.Hosting;

/// <summary>Production never holds synthetic data, and a server that cannot start says why in one line.</summary>
public sealed class ProductionStartTests
{
    private const string Key = "q7Vn2Lx9Rt4Kp8Zc1Md6Hs3Wf5Jb0Ga";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Production(string database, params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__RiskFlags"] = $"Data Source={database}",
            ["RiskFlags__ApiKeys__0__Key"] = Key,
            ["RiskFlags__ApiKeys__0__Caller"] = "ops",
            ["RiskFlags__ApiKeys__0__Role"] = "admin",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task A_production_start_on_an_empty_store_leaves_it_empty_and_says_how_to_import()
    {
        using var folder = new TempFolder();
        await using var server = new ServerProcess(Production(folder.File("prod.db")));

        await server.WaitUntilListeningAsync(Cancel);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        var status = await http.GetFromJsonAsync<JsonElement>("/v1/status", Cancel);

        Assert.Equal("0", status.TryGetProperty("families", out var families) ? families.ToString() : "0");
        Assert.False(status.TryGetProperty("demo", out var demo) && demo.GetBoolean());
        Assert.Contains("is empty: import the council's extract with `riskflags import", server.Output, StringComparison.Ordinal);
        await using var db = StoreConnection.Parse(folder.File("prod.db")).CreateContext();
        Assert.Equal(0, (await LinkedDataStore.CountAsync(db, Cancel)).Families);
    }

    [Fact]
    public async Task Production_refuses_to_load_demo_data_in_one_line_with_exit_code_1()
    {
        using var folder = new TempFolder();
        await using var server = new ServerProcess(Production(folder.File("prod.db"), ("RiskFlags__DemoFamilies", "200")));

        var exit = await server.WaitForExitAsync(Cancel);

        Assert.Equal(1, exit);
        Assert.Contains("riskflags server: not started: RiskFlags:DemoFamilies is 200, but demo data are loaded only when the environment is Development", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("prod.db")) && new FileInfo(folder.File("prod.db")).Length > 0 && await HasFamiliesAsync(folder.File("prod.db")));
    }

    [Fact]
    public async Task Production_refuses_a_store_that_holds_demo_data()
    {
        using var folder = new TempFolder();
        await using (var development = new ServerFactory { DemoFamilies = 40, ConnectionString = $"Data Source={folder.File("demo.db")}" })
        {
            _ = development.Server;
        }

        await using var server = new ServerProcess(Production(folder.File("demo.db")));
        var exit = await server.WaitForExitAsync(Cancel);

        Assert.Equal(1, exit);
        Assert.Contains("holds synthetic demo data (riskflags demo-data, seed 11, 40 families); a Production server never serves demo families", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules")]
    [InlineData("model")]
    [InlineData("port")]
    public async Task A_server_that_cannot_start_says_why_in_one_line_and_exits_1(string fault)
    {
        using var folder = new TempFolder();
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var blocked = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        var environment = Production(folder.File("prod.db"));
        var expected = fault switch
        {
            "rules" => "the rules in",
            "model" => "not-a-model.zip",
            _ => "cannot listen",
        };
        switch (fault)
        {
            case "rules":
                Directory.CreateDirectory(folder.File("rules"));
                await File.WriteAllTextAsync(folder.File("rules/broken.json"), "{ \"WorkflowName\": ", Cancel);
                environment["RiskFlags__RulesPath"] = folder.File("rules");
                break;
            case "model":
                await File.WriteAllTextAsync(folder.File("not-a-model.zip"), "not a zip", Cancel);
                environment["RiskFlags__ModelPath"] = folder.File("not-a-model.zip");
                break;
            default:
                environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{blocked}";
                break;
        }

        await using var server = new ServerProcess(environment);
        var exit = await server.WaitForExitAsync(Cancel);

        Assert.Equal(1, exit);
        var refusal = Assert.Single(server.Output.Split('\n'), l => l.StartsWith("riskflags server: not started:", StringComparison.Ordinal));
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
    }

    private static async Task<bool> HasFamiliesAsync(string database)
    {
        await using var db = StoreConnection.Parse(database).CreateContext();
        return (await LinkedDataStore.CountAsync(db, Cancel)).Families > 0;
    }
}
