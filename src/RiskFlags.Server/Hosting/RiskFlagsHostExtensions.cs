using Microsoft.Extensions.Diagnostics.HealthChecks;
using RiskFlags.Core.Hosting;
using RiskFlags.Data;
using Serilog;
using Serilog.Formatting.Compact;

namespace RiskFlags.Server.Hosting;

/// <summary>Everything Program.cs wires up, in the order a request meets it.</summary>
public static class RiskFlagsHostExtensions
{
    public static WebApplicationBuilder AddRiskFlags(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RiskFlagsOptions.Section);
        var textLogs = string.Equals(section.GetValue<string>(nameof(RiskFlagsOptions.LogFormat)), "text", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            _ = textLogs
                ? logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
                : logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });

        builder.Services.Configure<RiskFlagsOptions>(section);
        var root = section.GetValue<string?>(nameof(RiskFlagsOptions.Root)) ?? InstallRoot.Find();
        var connection = builder.Configuration.GetConnectionString("RiskFlags");
        var store = StoreConnection.Parse(string.IsNullOrWhiteSpace(connection) ? StoreConnection.DefaultSqlitePath(root) : connection);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRiskFlagsData(store);
        builder.Services.AddHostedService<StoreInitializer>();
        builder.Services.AddGrpc();
        builder.Services.AddGrpcReflection();
        // The overall service ("") answers from a liveness check alone, so probes and load balancers
        // cost nothing; "riskflags.store" also reaches the database.
        builder.Services.AddGrpcHealthChecks(health =>
            {
                health.Services.Map("", check => check.Tags.Contains("live"));
                health.Services.Map(StoreHealthCheck.Service, _ => true);
            })
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<StoreHealthCheck>("store");
        return builder;
    }

    public static WebApplication MapRiskFlags(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
