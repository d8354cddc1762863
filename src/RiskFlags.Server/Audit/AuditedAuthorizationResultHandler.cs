using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Hosting;
using RiskFlags.Server.Security;

namespace RiskFlags.Server.Audit;

/// <summary>
/// A refused attempt at an [Audited] RPC leaves an audit row too, so the log shows attempts as well
/// as reads: a caller without the role (permission_denied), and one without a valid key or token
/// (unauthenticated), each with the family they asked about. The refusal itself is the framework's:
/// 403 / PERMISSION_DENIED, 401 / UNAUTHENTICATED (429 when the address is locked out).
/// </summary>
public sealed class AuditedAuthorizationResultHandler(AuditWriter writer, TimeProvider time, ILogger<AuditedAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    /// <summary>A refused gRPC request is read for its family only up to this size.</summary>
    private const int MaximumReadBytes = 64 * 1024;

    private readonly AuthorizationMiddlewareResultHandler framework = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Forbidden || authorizeResult.Challenged)
            && context.GetEndpoint() is { } endpoint
            && endpoint.Metadata.GetMetadata<AuditedAttribute>() is not null
            && endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            try
            {
                await writer.WriteAsync(await RowAsync(context, grpc, authorizeResult.Forbidden));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The refusal stands either way; the log must say its audit row is missing.
                logger.LogError(e, "The audit row of a refused {Action} could not be stored", grpc.Method.Name);
            }
        }

        await framework.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task<AuditRow> RowAsync(HttpContext context, GrpcMethodMetadata grpc, bool forbidden)
    {
        var caller = Caller.Of(context.User);
        var failure = SignInFailure.Of(context);
        return new AuditRow
        {
            At = time.GetUtcNow(),
            Caller = caller.Name,
            Role = caller.Role,
            Action = grpc.Method.Name,
            FamilyId = await FamilyOfAsync(context, grpc),
            Outcome = forbidden ? "permission_denied" : "unauthenticated",
            Detail = forbidden ? "the caller's role may not call this"
                : failure is null ? "no API key or bearer token" : ContractFields.Shorten(failure, 200),
        };
    }

    /// <summary>
    /// The family the refused request was about: from the JSON route or query, or from the gRPC
    /// message itself; a suggestion or an enrolment is traced to its family.
    /// </summary>
    private static async Task<string?> FamilyOfAsync(HttpContext context, GrpcMethodMetadata grpc)
    {
        string? Field(string name) =>
            context.Request.RouteValues.TryGetValue(name, out var route) && route is string r ? r
            : context.Request.Query.TryGetValue(name, out var query) ? query.ToString() : null;

        var (family, suggestion, enrolment) = (Field("family_id"), Field("suggestion_id"), Field("enrolment_id"));
        if (family is null && suggestion is null && enrolment is null
            && GrpcRequestBody.IsGrpc(context)
            && GrpcRequestBody.TypeOf(grpc) is { } type
            && (await GrpcRequestBody.ReadFirstAsync(context, type, MaximumReadBytes)).Message is { } message)
        {
            string? Text(string name) => type.FindFieldByName(name)?.Accessor.GetValue(message) as string;
            (family, suggestion, enrolment) = (Text("family_id"), Text("suggestion_id"), Text("enrolment_id"));
        }

        if (family is not null)
        {
            return ContractFields.IsIdentifier(family) ? family : null;
        }

        var db = context.RequestServices.GetRequiredService<RiskFlagsDbContext>();
        if (suggestion is not null && ContractFields.IsIdentifier(suggestion))
        {
            return await db.Suggestions.AsNoTracking().Where(s => s.SuggestionId == suggestion).Select(s => s.FamilyId).FirstOrDefaultAsync(context.RequestAborted);
        }

        return enrolment is not null && ContractFields.IsIdentifier(enrolment)
            ? await db.Enrolments.AsNoTracking().Where(e => e.EnrolmentId == enrolment).Select(e => e.FamilyId).FirstOrDefaultAsync(context.RequestAborted)
            : null;
    }
}
