using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Security;

/// <summary>
/// Counts failed sign-ins (an unknown API key, a token that does not validate) per client address.
/// Past <see cref="RiskFlagsOptions.FailedSignInsPerMinute"/> in a minute, every sign-in from that
/// address is refused with 429 until the minute is over, right keys included: otherwise a guesser
/// would simply be told which guess was right.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string LockedOutMessage = "too many failed sign-ins from this address; try again in a minute";

    private readonly PartitionedRateLimiter<string> failures;

    public SignInThrottle(IOptions<RiskFlagsOptions> options)
    {
        var limit = options.Value.FailedSignInsPerMinute;
        failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    private static readonly object RefusedKey = new();

    /// <summary>Whether this request's address is locked out; a request found so is answered with 429 (<see cref="WasRefused"/>).</summary>
    public bool IsLockedOut(HttpContext context)
    {
        var locked = failures.GetStatistics(AddressOf(context)) is { CurrentAvailablePermits: <= 0 };
        if (locked)
        {
            context.Items[RefusedKey] = true;
        }

        return locked;
    }

    public static bool WasRefused(HttpContext context) => context.Items.ContainsKey(RefusedKey);

    public void RecordFailure(HttpContext context)
    {
        using var lease = failures.AttemptAcquire(AddressOf(context));
    }

    /// <summary>The answer to a locked-out address: 429 with Retry-After (gRPC clients see UNAVAILABLE, and retry later).</summary>
    public static void Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "60";
    }

    public void Dispose() => failures.Dispose();

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";
}
