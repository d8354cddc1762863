using System.Security.Cryptography;
using System.Text;

namespace RiskFlags.Server.Security;

/// <summary>An API key, the caller it stands for (written to the audit log; never the key) and its role.</summary>
public sealed class ApiKey
{
    private string key = "";
    private byte[]? hash;

    public string Key
    {
        get => key;
        set => (key, hash) = (value, null);
    }

    /// <summary>The key's SHA-256, worked out once rather than for every request that presents a key.</summary>
    internal byte[] Hash => hash ??= SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public string Caller { get; set; } = "";

    public string Role { get; set; } = "";
}
