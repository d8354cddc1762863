using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Support;

/// <summary>The server on real sockets (free loopback ports), on a given SQLite file.</summary>
public sealed class KestrelServer : ServerFactory
{
    private readonly int grpcPort = FreePort();
    private readonly int httpPort = FreePort();

    public KestrelServer(string database, int demoFamilies = 300)
    {
        Database = database;
        DemoFamilies = demoFamilies;
        Settings["ConnectionStrings:RiskFlags"] = $"Data Source={database}";
        Settings["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}";
        Settings["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{httpPort}";
        UseKestrel();
        StartServer();
    }

    public string HttpAddress => $"http://127.0.0.1:{httpPort}/";

    public string Database { get; }

    public string GrpcAddress => $"127.0.0.1:{grpcPort}";

    public async Task<string> FamilyWithSuggestionsAsync()
    {
        using var channel = GrpcChannel.ForAddress($"http://{GrpcAddress}");
        var client = new Assessments.AssessmentsClient(channel);
        using var call = client.AssessCohort(new AssessCohortRequest(), new Metadata { { "x-api-key", Keys.Admin } }, cancellationToken: TestContext.Current.CancellationToken);
        await foreach (var a in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            if (a.Flags.Any(f => f.Rule.StartsWith("Pathway.", StringComparison.Ordinal)))
            {
                return a.FamilyId;
            }
        }

        throw new InvalidOperationException("no demo family has a suggestion");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
