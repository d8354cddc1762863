using Microsoft.Extensions.Diagnostics.HealthChecks;
using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>Healthy when the store answers.</summary>
internal sealed class StoreHealthCheck(RiskFlagsDbContext db) : IHealthCheck
{
    public const string Service = "riskflags.store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the store does not answer");
}
