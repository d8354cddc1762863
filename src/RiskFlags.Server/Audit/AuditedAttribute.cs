namespace RiskFlags.Server.Audit;

/// <summary>
/// Every call of this RPC writes an audit row (who, what, which families, when, how it went),
/// whether it succeeds, is refused, fails or crashes. Put it on every RPC that reads or changes a
/// family's data or the service's configuration; <see cref="AuditInterceptor"/> and
/// <see cref="AuditedAuthorizationResultHandler"/> do the rest.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AuditedAttribute : Attribute;
