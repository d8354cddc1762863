using Grpc.Core;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Security;

namespace RiskFlags.Server.Services;

/// <summary>
/// Writes the audit row of a call: who, what, which family, when, and how it went. A call that
/// changed something saves its changes and its audit row together (committing its transaction if
/// it opened one); a read hands its row to the group-commit writer and waits for it to be stored.
/// On failure the call's changes are dropped (its transaction rolled back) and only the audit row
/// is written, so nothing is half-written.
/// </summary>
public sealed class AuditTrail(RiskFlagsDbContext db, AuditWriter writer, TimeProvider time)
{
    public async Task<T> RunAsync<T>(ServerCallContext context, string action, string? familyId, Func<Task<(T Result, string? Detail)>> work)
    {
        var caller = Caller.Of(context.GetHttpContext().User);
        try
        {
            var (result, detail) = await work();
            var row = Row(caller, action, familyId, "ok", detail);
            if (db.Database.CurrentTransaction is { } transaction)
            {
                db.Audit.Add(row);
                await db.SaveChangesAsync(context.CancellationToken);
                await transaction.CommitAsync(context.CancellationToken);
                await transaction.DisposeAsync();
            }
            else if (db.ChangeTracker.HasChanges())
            {
                db.Audit.Add(row);
                await db.SaveChangesAsync(context.CancellationToken);
            }
            else
            {
                await writer.WriteAsync(row);
            }

            return result;
        }
        catch (RpcException e)
        {
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await transaction.DisposeAsync();
            }

            db.ChangeTracker.Clear();
            await writer.WriteAsync(Row(caller, action, familyId, Outcome(e.StatusCode), e.Status.Detail));
            throw;
        }
    }

    private AuditRow Row(Caller caller, string action, string? familyId, string outcome, string? detail) => new()
    {
        At = time.GetUtcNow(),
        Caller = caller.Name,
        Role = caller.Role,
        Action = action,
        FamilyId = familyId is not null && ContractFields.IsIdentifier(familyId) ? familyId : null,
        Outcome = outcome,
        Detail = detail is { Length: > 500 } ? detail[..500] : detail,
    };

    public static string Outcome(StatusCode code) => code switch
    {
        StatusCode.OK => "ok",
        StatusCode.InvalidArgument => "invalid_argument",
        StatusCode.NotFound => "not_found",
        StatusCode.FailedPrecondition => "failed_precondition",
        StatusCode.PermissionDenied => "permission_denied",
        StatusCode.Unauthenticated => "unauthenticated",
        _ => code.ToString().ToLowerInvariant(),
    };
}
