namespace RiskFlags.Server.Security;

/// <summary>An API key, the caller it stands for (written to the audit log; never the key) and its role.</summary>
public sealed class ApiKey
{
    public string Key { get; set; } = "";

    public string Caller { get; set; } = "";

    public string Role { get; set; } = "";
}
