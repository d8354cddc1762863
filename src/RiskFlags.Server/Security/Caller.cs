using System.Security.Claims;

namespace RiskFlags.Server.Security;

/// <summary>Who is calling, as the audit log records it: the caller's name and every role of ours they hold.</summary>
public readonly record struct Caller(string Name, string Role)
{
    public const string Unknown = "unknown";
    public const string NoRole = "none";

    /// <remarks>
    /// The name is the identity's name claim: the API key's Caller, or the token's caller claim (sub by
    /// default). Roles are listed in a fixed order, so a token with two roles is always audited the same way.
    /// </remarks>
    public static Caller Of(ClaimsPrincipal user)
    {
        var roles = Roles.Ordered.Where(user.IsInRole).ToList();
        return new(
            user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? Shorten(name) : Unknown,
            roles.Count > 0 ? string.Join(",", roles) : NoRole);
    }

    /// <summary>A caller name is written to every audit row; a hostile token must not make those rows huge.</summary>
    private static string Shorten(string name) => name.Length <= 100 ? name : name[..100];
}
