using Grpc.Core;
using Grpc.Net.Client;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Hosting;

/// <summary>D21: a client going away is not an error of the server's, and dates are logged as ISO dates.</summary>
[Trait("Finding", "D21")]
public sealed class LoggingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_cancelled_by_their_clients_log_no_errors_and_dates_are_logged_as_iso()
    {
        using var folder = new TempFolder();
        await using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__RiskFlags"] = $"Data Source={folder.File("dev.db")}",
            ["RiskFlags__DemoFamilies"] = "400",
        });
        await server.WaitUntilListeningAsync(Cancel);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.GrpcPort}");
        var assessments = new Assessments.AssessmentsClient(channel);
        var key = new Metadata { { "x-api-key", Keys.Admin } };

        for (var i = 0; i < 5; i++)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            using var call = assessments.AssessCohort(new AssessCohortRequest(), key, cancellationToken: stop.Token);
            Assert.True(await call.ResponseStream.MoveNext(Cancel));
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                while (await call.ResponseStream.MoveNext(stop.Token))
                {
                }
            });
        }

        var assessed = await assessments.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000002" }, key, cancellationToken: Cancel);
        // Lines arrive in the order they were printed: once this one is here, anything the cancellations logged is too.
        await server.WaitForOutputAsync("Assessed family F000002 as of", Cancel);

        Assert.Equal("2025-03-31", assessed.AsOf);
        Assert.False(server.Output.Contains(" ERR ", StringComparison.Ordinal), $"errors logged: {string.Join("\n", server.Output.Split('\n').SkipWhile(l => !l.Contains(" ERR ", StringComparison.Ordinal)).Take(12))}");
        Assert.DoesNotContain(" FTL ", server.Output, StringComparison.Ordinal);
        Assert.Contains("Assessed family F000002 as of 2025-03-31", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("03/31/2025", server.Output, StringComparison.Ordinal);
    }
}
