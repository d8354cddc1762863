using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RiskFlags.Core.Tests.Support;

namespace RiskFlags.Server.Tests.Support;

/// <summary>The server in-process on a fresh SQLite store with a small demo data set.</summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder folder = new();

    public int DemoFamilies { get; init; } = 200;

    public string DatabasePath => folder.File("store.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:RiskFlags", $"Data Source={DatabasePath}");
        builder.UseSetting("RiskFlags:DemoFamilies", DemoFamilies.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RiskFlags:DemoSeed", "11");
    }

    public GrpcChannel Channel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            folder.Dispose();
        }
    }
}
