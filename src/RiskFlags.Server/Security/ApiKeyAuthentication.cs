using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RiskFlags.Server.Security;

/// <summary>An API key, the caller it stands for (written to the audit log; never the key) and its role.</summary>
public sealed class ApiKey
{
    public string Key { get; set; } = "";

    public string Caller { get; set; } = "";

    public string Role { get; set; } = "";
}

public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    public List<ApiKey> Keys { get; set; } = [];
}

/// <summary>
/// Authenticates a request by its x-api-key header against the keys in configuration
/// (RiskFlags:ApiKeys). The comparison takes the same time whatever the key, so a timing
/// difference does not reveal how much of a guess was right.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "x-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(values[0] ?? "");
        ApiKey? match = null;
        foreach (var key in Options.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key.Key)))
            {
                match = key;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Caller), new Claim(ClaimTypes.Role, match.Role)], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

/// <summary>Refuses to start with keys that are malformed, or with development keys in Production.</summary>
public sealed class ApiKeyOptionsValidation(IHostEnvironment environment) : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, i) in options.Keys.Select((k, i) => (k, i)))
        {
            var where = $"RiskFlags:ApiKeys:{i}";
            if (key.Key.Length < 8 || string.IsNullOrWhiteSpace(key.Caller))
            {
                failures.Add($"{where}: a key needs at least 8 characters and a Caller");
            }

            if (!Roles.All.Contains(key.Role))
            {
                failures.Add($"{where} ({key.Caller}): role '{key.Role}' is not one of {string.Join(", ", Roles.All)}");
            }

            if (environment.IsProduction() && key.Key.StartsWith("dev-", StringComparison.Ordinal))
            {
                failures.Add($"{where} ({key.Caller}): development keys (dev-...) are refused when the environment is Production");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Who is calling, as the audit log records it.</summary>
public readonly record struct Caller(string Name, string Role)
{
    public static Caller Of(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? user.FindFirstValue("sub") ?? "unknown",
        Roles.All.FirstOrDefault(user.IsInRole) ?? "none");
}
