using Grpc.Health.V1;
using RiskFlags.Data;
using RiskFlags.Server.Tests.Support;

namespace RiskFlags.Server.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task A_first_start_creates_the_store_loads_demo_data_and_reports_serving()
    {
        await using var server = new ServerFactory { DemoFamilies = 120 };
        var health = new Health.HealthClient(server.Channel());

        var reply = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        var store = await health.CheckAsync(new HealthCheckRequest { Service = "riskflags.store" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, store.Status);
        await using var db = StoreConnection.Parse(server.DatabasePath).CreateContext();
        Assert.Equal(120, (await LinkedDataStore.CountAsync(db, TestContext.Current.CancellationToken)).Families);
    }
}
