namespace RiskFlags.Server.Hosting;

/// <summary>
/// Token claims are read as the identity provider wrote them (inbound claim mapping is off): the
/// caller from <see cref="CallerClaim"/>, the roles from <see cref="RoleClaim"/>. Entra ID: roles,
/// and oid or preferred_username; Keycloak: a realm-roles mapper writing "roles", and preferred_username.
/// </summary>
public sealed class JwtClaimsOptions
{
    public string CallerClaim { get; set; } = "sub";

    public string RoleClaim { get; set; } = "role";
}
