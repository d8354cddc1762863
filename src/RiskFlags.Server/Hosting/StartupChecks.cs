using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// Loads the rules and the model as the host starts, before it listens, so that an invalid set or
/// model stops the start with its reason rather than failing the first request.
/// </summary>
internal sealed class StartupChecks(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<LiveRuleSet>();
        _ = services.GetRequiredService<LiveModel>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
