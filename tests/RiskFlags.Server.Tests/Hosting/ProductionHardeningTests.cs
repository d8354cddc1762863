using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using RiskFlags.Server.Tests.Support;

namespace RiskFlags.Server.Tests.Hosting;

/// <summary>D20: what a Production server shows, and to whom; and that it will not offer keys in clear beyond loopback.</summary>
[Trait("Finding", "D20")]
public sealed class ProductionHardeningTests : IDisposable
{
    private const string AdminKey = "a1Vn2Lx9Rt4Kp8Zc1Md6Hs3Wf5Jb0Ga";
    private const string WorkerKey = "w7Qm2Zr7Tw4Lp8Xv1Nc6Hb3Jd5Fs0Ga";
    private readonly TempFolder folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    private Dictionary<string, string> Production(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__RiskFlags"] = $"Data Source={folder.File("prod.db")}",
            ["RiskFlags__ApiKeys__0__Key"] = AdminKey,
            ["RiskFlags__ApiKeys__0__Caller"] = "ops",
            ["RiskFlags__ApiKeys__0__Role"] = "admin",
            ["RiskFlags__ApiKeys__1__Key"] = WorkerKey,
            ["RiskFlags__ApiKeys__1__Caller"] = "w1",
            ["RiskFlags__ApiKeys__1__Role"] = "mash_worker",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Opens the reflection stream and closes it at once: how far the call gets is the answer.</summary>
    private static async Task<StatusCode> ReflectAsync(int port, string? key)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", bytes, bytes);
        var headers = key is null ? new Metadata() : new Metadata { { "x-api-key", key } };
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions(headers, cancellationToken: Cancel));
        try
        {
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(Cancel))
            {
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    [Fact]
    public async Task In_production_reflection_is_for_admins_and_the_status_hides_the_store_from_other_roles()
    {
        await using var server = new ServerProcess(Production());
        await server.WaitUntilListeningAsync(Cancel);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };

        var anonymous = await ReflectAsync(server.GrpcPort, null);
        var worker = await ReflectAsync(server.GrpcPort, WorkerKey);
        var admin = await ReflectAsync(server.GrpcPort, AdminKey);
        var workerStatus = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/status") { Headers = { { "x-api-key", WorkerKey } } }, Cancel);
        var adminStatus = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/status") { Headers = { { "x-api-key", AdminKey } } }, Cancel);

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.PermissionDenied, StatusCode.OK), (anonymous, worker, admin));
        var seenByWorker = await workerStatus.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var seenByAdmin = await adminStatus.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("", seenByWorker.TryGetProperty("store", out var store) ? store.GetString() : "");
        Assert.Equal("", seenByWorker.TryGetProperty("environment", out var environment) ? environment.GetString() : "");
        Assert.StartsWith("SQLite ", seenByAdmin.GetProperty("store").GetString());
        Assert.Equal("Production", seenByAdmin.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task The_page_and_the_api_carry_the_security_headers()
    {
        await using var server = new ServerProcess(Production());
        await server.WaitUntilListeningAsync(Cancel);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };

        // A build run in place has no wwwroot of its own in Production (the published app has): the page itself is checked in process below.
        foreach (var path in new[] { "/", "/app.js", "/v1/status" })
        {
            var response = await http.GetAsync(path, Cancel);
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task The_page_is_served_with_its_headers()
    {
        await using var server = new ServerFactory { DemoFamilies = 20 };
        var http = server.CreateClient();

        foreach (var path in new[] { "/", "/app.js", "/app.css" })
        {
            var response = await http.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SecurityHeadersPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    private static string SecurityHeadersPolicy => RiskFlags.Server.Hosting.SecurityHeaders.ContentSecurityPolicy;

    [Fact]
    public async Task Production_refuses_plain_http_on_a_network_address_unless_told_tls_is_ended_in_front()
    {
        await using var refused = new ServerProcess(Production(("Kestrel__Endpoints__Http__Url", "http://0.0.0.0:{port}")));
        var exit = await refused.WaitForExitAsync(Cancel);

        Assert.Equal(1, exit);
        Assert.Contains($"http://0.0.0.0:{refused.HttpPort} is plain HTTP on a network address", refused.Output, StringComparison.Ordinal);

        await using var allowed = new ServerProcess(Production(("Kestrel__Endpoints__Grpc__Url", "http://0.0.0.0:{port}"), ("RiskFlags__AllowPlainHttp", "true")));
        await allowed.WaitUntilListeningAsync(Cancel);
    }

    [Fact]
    public async Task With_a_certificate_the_endpoint_serves_https()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(folder.File("server.pfx"), certificate.Export(X509ContentType.Pfx, "test-password"), Cancel);
        await using var server = new ServerProcess(Production(
            ("Kestrel__Endpoints__Http__Url", "https://127.0.0.1:{port}"),
            ("Kestrel__Endpoints__Http__Certificate__Path", folder.File("server.pfx")),
            ("Kestrel__Endpoints__Http__Certificate__Password", "test-password")));
        await server.WaitUntilListeningAsync(Cancel);
        var thumbprint = certificate.Thumbprint;
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint };
        using var https = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{server.HttpPort}") };

        var status = await https.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/status") { Headers = { { "x-api-key", AdminKey } } }, Cancel);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
