using Grpc.Core;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Security;

public sealed class ApiKeyTests
{
    private const string GoodKey = "k9Qm2Zr7Tw4Lp8Xv1Nc6Hb3Jd5Fs0Ga";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ServerFactory Production(string key) => new()
    {
        Environment = "Production",
        DemoFamilies = 0,
        Settings =
        {
            ["RiskFlags:ApiKeys:0:Key"] = key,
            ["RiskFlags:ApiKeys:0:Caller"] = "ops",
            ["RiskFlags:ApiKeys:0:Role"] = "admin",
        },
    };

    [Theory]
    [InlineData("DEV-ADMIN-KEY-0123456789abcdef", "development keys")]
    [InlineData("Dev-Admin-Key-0123456789abcdef", "development keys")]
    [InlineData("short-but-not-dev", "at least 24 characters")]
    public async Task Production_refuses_to_start_with_a_development_key_in_any_case_or_a_short_key(string key, string reason)
    {
        using var folder = new TempFolder();
        await using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__RiskFlags"] = $"Data Source={folder.File("prod.db")}",
            ["RiskFlags__ApiKeys__0__Key"] = key,
            ["RiskFlags__ApiKeys__0__Caller"] = "ops",
            ["RiskFlags__ApiKeys__0__Role"] = "admin",
        });

        var exit = await server.WaitForExitAsync(Cancel);

        Assert.Equal(1, exit);
        var refusal = Assert.Single(server.Output.Split('\n'), l => l.StartsWith("riskflags server: not started: configuration: RiskFlags:ApiKeys:0 (ops)", StringComparison.Ordinal));
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(key, server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_accepts_a_long_random_key()
    {
        await using var server = Production(GoodKey);

        var status = await server.Admin(GoodKey).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);

        Assert.Equal("ops", status.Caller);
    }

    [Fact]
    public async Task An_address_that_keeps_guessing_keys_is_locked_out_even_when_it_then_guesses_right()
    {
        await using var server = new ServerFactory { DemoFamilies = 0, Settings = { ["RiskFlags:FailedSignInsPerMinute"] = "3" } };
        var codes = new List<StatusCode>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await Assert.ThrowsAsync<RpcException>(() => server.Admin($"wrong-key-{i:D4}").GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel).ResponseAsync)).StatusCode);
        }

        var locked = await Assert.ThrowsAsync<RpcException>(() => server.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel).ResponseAsync);
        var http = await server.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/status") { Headers = { { "x-api-key", Keys.Admin } } }, Cancel);

        Assert.All(codes, c => Assert.Equal(StatusCode.Unauthenticated, c));
        Assert.Equal(StatusCode.Unavailable, locked.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, http.StatusCode);
        Assert.Equal("60", http.Headers.RetryAfter?.ToString());
    }
}
