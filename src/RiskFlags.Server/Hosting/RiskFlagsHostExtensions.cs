using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Security;
using RiskFlags.Server.Services;
using Serilog;
using Serilog.Formatting.Compact;

namespace RiskFlags.Server.Hosting;

/// <summary>Everything Program.cs wires up, in the order a request meets it.</summary>
public static class RiskFlagsHostExtensions
{
    public static WebApplicationBuilder AddRiskFlags(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RiskFlagsOptions.Section);
        var options = section.Get<RiskFlagsOptions>() ?? new RiskFlagsOptions();
        AddLogging(builder, options);

        var root = options.Root ?? InstallRoot.Find();
        var connection = builder.Configuration.GetConnectionString("RiskFlags");
        var store = StoreConnection.Parse(string.IsNullOrWhiteSpace(connection) ? StoreConnection.DefaultSqlitePath(root) : connection);
        builder.Services.Configure<RiskFlagsOptions>(section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<RequestDates>();
        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditWriter>());
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddRiskFlagsData(store);
        builder.Services.AddHostedService<StoreInitializer>();

        // The rules and the model load before the server listens; an invalid set or model stops the start with the reason.
        builder.Services.AddSingleton(_ => new LiveRuleSet(LoadRules(options.RulesPath ?? Path.Combine(root, "rules"))));
        builder.Services.AddSingleton(_ => new LiveModel(RiskModel.Load(options.ModelPath ?? Path.Combine(root, "models", "riskflags.zip"))));
        builder.Services.AddSingleton(new CatalogueSeed(Path.Combine(options.RulesPath ?? Path.Combine(root, "rules"), Core.Capacity.ProgrammeCatalogue.FileName)));
        builder.Services.AddSingleton<CohortCache>();

        AddSecurity(builder);
        builder.Services.AddGrpc(grpc => grpc.EnableDetailedErrors = builder.Environment.IsDevelopment()).AddJsonTranscoding();
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
        // Fail at start, not on the first request, when the rules, the model or the keys are wrong.
        _ = app.Services.GetRequiredService<LiveRuleSet>();
        _ = app.Services.GetRequiredService<LiveModel>();
        _ = app.Services.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().Get(ApiKeyHandler.SchemeName);

        app.UseSerilogRequestLogging();
        // The web page is static and holds no data: it signs in with an API key and calls the JSON API.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<AssessmentsService>();
        app.MapGrpcService<ReferralsService>();
        app.MapGrpcService<IngestService>();
        app.MapGrpcService<AdminService>();
        app.MapGrpcService<CapacityService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
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
            throw new InvalidOperationException($"the rules in {folder} are invalid: {string.Join("; ", e.Problems)}", e);
        }
    }

    private static void AddLogging(WebApplicationBuilder builder, RiskFlagsOptions options)
    {
        var text = string.Equals(options.LogFormat, "text", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            _ = text
                ? logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
                : logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
    }

    /// <summary>
    /// An x-api-key header is checked against RiskFlags:ApiKeys; otherwise a JWT bearer token from the
    /// council's identity provider (Authentication:Schemes:Bearer) with a role claim. Every RPC needs a
    /// caller; each says which roles it allows.
    /// </summary>
    private static void AddSecurity(WebApplicationBuilder builder)
    {
        const string scheme = "ApiKeyOrBearer";
        var keys = builder.Configuration.GetSection($"{RiskFlagsOptions.Section}:ApiKeys").Get<List<ApiKey>>() ?? [];
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidation>();
        builder.Services.AddOptions<ApiKeyOptions>(ApiKeyHandler.SchemeName).ValidateOnStart();
        builder.Services.AddAuthentication(scheme)
            .AddPolicyScheme(scheme, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? ApiKeyHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<ApiKeyOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, o => o.Keys = keys)
            .AddJwtBearer(jwt => jwt.TokenValidationParameters.RoleClaimType = "role");
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
    }
}
