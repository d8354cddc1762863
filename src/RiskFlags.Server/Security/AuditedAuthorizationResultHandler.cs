using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using RiskFlags.Data;

namespace RiskFlags.Server.Security;

/// <summary>
/// A caller refused a family's data leaves an audit row too (outcome permission_denied), so the log
/// shows attempts as well as reads. The refusal itself is the framework's: 403, PERMISSION_DENIED.
/// </summary>
public sealed class AuditedAuthorizationResultHandler(TimeProvider time) : IAuthorizationMiddlewareResultHandler
{
    private static readonly HashSet<string> FamilyMethods = new(StringComparer.Ordinal) { "AssessFamily", "GetFamilyTimeline", "RecordDecision" };
    private readonly AuthorizationMiddlewareResultHandler framework = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc && FamilyMethods.Contains(grpc.Method.Name))
        {
            var caller = Caller.Of(context.User);
            var db = context.RequestServices.GetRequiredService<RiskFlagsDbContext>();
            db.Audit.Add(new AuditRow
            {
                At = time.GetUtcNow(),
                Caller = caller.Name,
                Role = caller.Role,
                Action = grpc.Method.Name,
                FamilyId = context.Request.RouteValues.TryGetValue("family_id", out var id) ? id as string : null,
                Outcome = "permission_denied",
                Detail = "the caller's role may not call this",
            });
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await framework.HandleAsync(next, context, policy, authorizeResult);
    }
}
