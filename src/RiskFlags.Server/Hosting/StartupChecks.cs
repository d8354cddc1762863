using System.Net;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// Checks as the host starts, before it listens, so that a problem stops the start with its reason
/// rather than failing the first request: the rules and the model load, and a Production server
/// does not offer plain HTTP beyond loopback unless told TLS is ended in front of it.
/// </summary>
internal sealed class StartupChecks(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, IOptions<RiskFlagsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<LiveRuleSet>();
        _ = services.GetRequiredService<LiveModel>();
        if (environment.IsProduction() && !options.Value.AllowPlainHttp && PlainHttpBeyondLoopback().FirstOrDefault() is { } url)
        {
            throw new StartupException(
                $"{url} is plain HTTP on a network address: keys and tokens would cross the network in clear. Give the endpoint an https:// URL and a " +
                "Certificate (Kestrel:Endpoints:NAME:Certificate:Path and :Password), or set RiskFlags:AllowPlainHttp=true when TLS is ended in front of the server");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<string> PlainHttpBeyondLoopback()
    {
        var urls = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"])
            .Concat((configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var url in urls.OfType<string>())
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var host = url[7..].Split('/')[0];
            host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
            var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
            if (!loopback)
            {
                yield return url;
            }
        }
    }
}
