using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RiskFlags.Data;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Support;

/// <summary>The server in-process on a fresh SQLite store (or a given one) with a small demo data set.</summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder folder = new();

    public int DemoFamilies { get; init; } = 1500;

    public string? ConnectionString { get; init; }

    public string Environment { get; init; } = "Development";

    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public string DatabasePath => folder.File("store.db");

    public string Store => ConnectionString ?? $"Data Source={DatabasePath}";

    public TempFolder Folder => folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:RiskFlags", Store);
        builder.UseSetting("RiskFlags:DemoFamilies", DemoFamilies.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RiskFlags:DemoSeed", "11");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public GrpcChannel Channel(string? apiKey = null) => Channel(apiKey is null ? null : ("x-api-key", apiKey));

    /// <summary>A channel whose calls carry a bearer token, as a council's identity provider issues them.</summary>
    public GrpcChannel BearerChannel(string token) => Channel(("authorization", $"Bearer {token}"));

    private GrpcChannel Channel((string Name, string Value)? header)
    {
        var handler = Server.CreateHandler();
        return GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            Credentials = header is not { } h ? null : ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add(h.Name, h.Value);
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    public Assessments.AssessmentsClient Assessments(string? key) => new(Channel(key));

    public Referrals.ReferralsClient Referrals(string? key) => new(Channel(key));

    public Admin.AdminClient Admin(string? key) => new(Channel(key));

    public Ingest.IngestClient Ingest(string? key) => new(Channel(key));

    public V1.Capacity.CapacityClient Capacity(string? key) => new(Channel(key));

    public RiskFlagsDbContext Db() => StoreConnection.Parse(Store).CreateContext();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            folder.Dispose();
        }
    }
}

public static class Keys
{
    public const string Mash = "dev-mash-worker";
    public const string Manager = "dev-early-help-manager";
    public const string Scientist = "dev-data-scientist";
    public const string Admin = "dev-admin";
}
