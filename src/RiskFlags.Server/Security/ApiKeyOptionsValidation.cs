using Microsoft.Extensions.Options;

namespace RiskFlags.Server.Security;

/// <summary>Refuses to start with keys that are malformed, or with development or short keys in Production.</summary>
public sealed class ApiKeyOptionsValidation(IHostEnvironment environment) : IValidateOptions<ApiKeyOptions>
{
    /// <summary>The shortest key a Production server accepts: 24 characters (about 140 bits from a random base64 string).</summary>
    public const int ProductionKeyLength = 24;

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

            if (!environment.IsProduction())
            {
                continue;
            }

            if (key.Key.StartsWith("dev-", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{where} ({key.Caller}): development keys (dev-..., in any case) are refused when the environment is Production");
            }
            else if (key.Key.Length < ProductionKeyLength)
            {
                failures.Add($"{where} ({key.Caller}): a Production key needs at least {ProductionKeyLength} characters (e.g. openssl rand -base64 24)");
            }
        }

        foreach (var duplicate in options.Keys.GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"RiskFlags:ApiKeys: one key is given to {string.Join(" and ", duplicate.Select(k => k.Caller))}; every caller needs a key of their own");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
