using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Audit;
using RiskFlags.Server.Security;
using RiskFlags.Server.Services;
using Serilog;
using Serilog.Formatting.Compact;

namespace RiskFlags.Server.Hosting;

/// <summary>What Program.cs wires up: the services, then the request pipeline.</summary>
public static class RiskFlagsHostExtensions
{
    public static WebApplicationBuilder AddRiskFlags(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RiskFlagsOptions>()
            .BindConfiguration(RiskFlagsOptions.Section)
            .PostConfigure(options => options.ResolvePaths(options.Root is { } root ? new InstallLayout(root) : InstallLayout.Find()))
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(RiskFlagsOptions.Section).Get<RiskFlagsOptions>() ?? new RiskFlagsOptions();
        AddLogging(builder, options);

        var layout = options.Root is { } configuredRoot ? new InstallLayout(configuredRoot) : InstallLayout.Find();
        services.AddRiskFlagsData(StoreConnection.FromSetting(builder.Configuration.GetConnectionString("RiskFlags"), layout) with { CheckpointsInBackground = true });
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<StoreView>();
        services.AddSingleton<RequestDates>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(s => s.GetRequiredService<AuditWriter>());
        services.AddScoped<AuditRecord>();
        services.AddHostedService<StartupChecks>();
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService<WalCheckpointer>();

        // The rules and the model load before the server listens; an invalid set or model stops the start with the reason.
        services.AddSingleton(s => new LiveRuleSet(LoadRules(s.GetRequiredService<IOptions<RiskFlagsOptions>>().Value.RulesPath!)));
        services.AddSingleton(s => new LiveModel(RiskModel.Load(s.GetRequiredService<IOptions<RiskFlagsOptions>>().Value.ModelPath!)));
        services.AddSingleton<PublishedModel>();
        services.AddScoped<ModelPublisher>();
        services.AddSingleton<AssessmentCache>();
        services.AddSingleton<ReferralBookCache>();
        services.AddSingleton<CohortCache>();

        builder.AddRiskFlagsSecurity();
        services.AddGrpc(grpc =>
            {
                grpc.EnableDetailedErrors = builder.Environment.IsDevelopment();
                grpc.Interceptors.Add<AuditInterceptor>();
            })
            .AddJsonTranscoding()
            .AddServiceOptions<IngestService>(ingest => ingest.MaxReceiveMessageSize = IngestService.MaximumEventBytes)
            // A publication carries the model file and its card.
            .AddServiceOptions<AdminService>(admin => admin.MaxReceiveMessageSize = ModelPublisher.MaximumRequestBytes);
        services.AddGrpcReflection();
        // The overall service ("") answers from a liveness check alone, so probes and load balancers
        // cost nothing; "riskflags.store" also reaches the database.
        services.AddGrpcHealthChecks(health =>
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
        app.UseSecurityHeaders();
        // The web page is static and holds no data: it signs in with an API key and calls the JSON API.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Routing after the page's files, so the fallback route never shadows them.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseGrpcRequestValidation();
        app.UseJsonRequestLimits();
        app.MapGrpcService<AssessmentsService>();
        app.MapGrpcService<ReferralsService>();
        app.MapGrpcService<IngestService>();
        app.MapGrpcService<AdminService>();
        app.MapGrpcService<CapacityService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        // A path no route matches is answered like every other refusal, in JSON, naming what was asked.
        app.MapFallback((HttpContext context) => Results.Json(
            new { code = (int)Grpc.Core.StatusCode.NotFound, message = $"no route {context.Request.Method} {Core.Contract.ContractFields.Shorten(context.Request.Path.Value ?? "", 100)}: the README lists the routes" },
            statusCode: StatusCodes.Status404NotFound));
        // The schema is no secret in development; in Production it is for admins, as every other internal is.
        var reflection = app.MapGrpcReflectionService();
        _ = app.Environment.IsProduction() ? reflection.RequireAuthorization(policy => policy.RequireRole(Roles.Admin)) : reflection.AllowAnonymous();
        return app;
    }

    private static RuleSet LoadRules(string folder)
    {
        try
        {
            return RuleSetLoader.Load(folder);
        }
        catch (RuleSetException e)
        {
            throw new StartupException($"the rules in {folder} are invalid: {string.Join("; ", e.Problems)}", e);
        }
    }

    private static void AddLogging(WebApplicationBuilder builder, RiskFlagsOptions options)
    {
        var text = string.Equals(options.LogFormat, "text", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext()
                // Program writes a failed start as one line; the host's own report of it is a stack trace.
                .Filter.ByExcluding(e => e.MessageTemplate.Text == "Hosting failed to start");
            _ = text
                ? logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
                : logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
    }
}
