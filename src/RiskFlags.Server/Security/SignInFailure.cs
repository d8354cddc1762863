namespace RiskFlags.Server.Security;

/// <summary>Why a request's key or token was refused, kept on the request so the audit row of the refusal can say so.</summary>
public static class SignInFailure
{
    private static readonly object Key = new();

    public static void Record(HttpContext context, string reason) => context.Items[Key] = reason;

    public static string? Of(HttpContext context) => context.Items.TryGetValue(Key, out var reason) ? reason as string : null;
}
