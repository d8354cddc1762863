using Microsoft.AspNetCore.Authentication;

namespace RiskFlags.Server.Security;

public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    public List<ApiKey> Keys { get; set; } = [];
}
