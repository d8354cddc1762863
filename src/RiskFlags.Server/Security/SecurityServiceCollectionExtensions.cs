using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RiskFlags.Server.Audit;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Security;

public static class SecurityServiceCollectionExtensions
{
    private const string Scheme = "ApiKeyOrBearer";

    /// <summary>
    /// An x-api-key header is checked against RiskFlags:ApiKeys; otherwise a JWT bearer token from the
    /// council's identity provider, configured under Authentication:Schemes:Bearer as dotnet user-jwts
    /// writes it. Every RPC needs a caller; each says which roles it allows.
    /// </summary>
    public static WebApplicationBuilder AddRiskFlagsSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidation>();
        services.AddOptions<ApiKeyOptions>(ApiKeyHandler.SchemeName)
            .Configure<IConfiguration>((o, configuration) => o.Keys = configuration.GetSection($"{RiskFlagsOptions.Section}:ApiKeys").Get<List<ApiKey>>() ?? [])
            .ValidateOnStart();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? ApiKeyHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<ApiKeyOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, _ => { })
            .AddJwtBearer();

        // After the framework has bound Authentication:Schemes:Bearer: claims as the provider wrote them.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<RiskFlagsOptions>>((jwt, options) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.NameClaimType = options.Value.Jwt.CallerClaim;
                jwt.TokenValidationParameters.RoleClaimType = options.Value.Jwt.RoleClaim;
                jwt.Events = ThrottledEvents();
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
        return builder;
    }

    private static JwtBearerEvents ThrottledEvents() => new()
    {
        OnMessageReceived = context =>
        {
            if (context.HttpContext.RequestServices.GetRequiredService<SignInThrottle>().IsLockedOut(context.HttpContext))
            {
                SignInFailure.Record(context.HttpContext, SignInThrottle.LockedOutMessage);
                context.Fail(SignInThrottle.LockedOutMessage);
            }

            return Task.CompletedTask;
        },
        OnAuthenticationFailed = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<SignInThrottle>().RecordFailure(context.HttpContext);
            SignInFailure.Record(context.HttpContext, $"bearer token refused: {context.Exception.GetType().Name}");
            return Task.CompletedTask;
        },
        OnChallenge = context =>
        {
            if (SignInThrottle.WasRefused(context.HttpContext))
            {
                context.HandleResponse();
                SignInThrottle.Refuse(context.HttpContext);
            }

            return Task.CompletedTask;
        },
    };
}
