using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RiskFlags.Server.Security;

/// <summary>
/// Authenticates a request by its x-api-key header against the keys in configuration
/// (RiskFlags:ApiKeys). The comparison takes the same time whatever the key, so a timing
/// difference does not reveal how much of a guess was right; an address that keeps guessing is
/// locked out for a while (<see cref="SignInThrottle"/>).
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignInThrottle throttle)
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

        if (throttle.IsLockedOut(Context))
        {
            SignInFailure.Record(Context, SignInThrottle.LockedOutMessage);
            return Task.FromResult(AuthenticateResult.Fail(SignInThrottle.LockedOutMessage));
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values[0] ?? ""));
        ApiKey? match = null;
        foreach (var key in Options.Keys)
        {
            // Hashes have one length, so the comparison's time says nothing about the key's length either.
            if (CryptographicOperations.FixedTimeEquals(presented, key.Hash))
            {
                match = key;
            }
        }

        if (match is null)
        {
            throttle.RecordFailure(Context);
            SignInFailure.Record(Context, "unknown API key");
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Caller), new Claim(ClaimTypes.Role, match.Role)], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (SignInThrottle.WasRefused(Context))
        {
            SignInThrottle.Refuse(Context);
            return Task.CompletedTask;
        }

        return base.HandleChallengeAsync(properties);
    }
}
