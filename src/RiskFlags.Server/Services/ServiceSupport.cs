using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Security;

namespace RiskFlags.Server.Services;

/// <summary>gRPC errors that name the field at fault.</summary>
internal static class Problem
{
    public static RpcException Invalid(string field, string message) => new(new Status(StatusCode.InvalidArgument, $"{field}: {message}"));

    public static RpcException NotFound(string field, string message) => new(new Status(StatusCode.NotFound, $"{field}: {message}"));

    public static RpcException Precondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static string FamilyId(string familyId) =>
        ContractFields.CheckIdentifier(familyId) is { } problem ? throw Invalid("family_id", problem) : familyId;
}

/// <summary>
/// Request dates: ISO dates, never in the future; empty means the date the store's data run to. That
/// date is read at most every ten seconds (and again after an ingest here): an extract's end moves
/// only when new data arrive, and reading it on every request would cost a query each.
/// </summary>
public sealed class RequestDates(IMemoryCache cache, TimeProvider time)
{
    private const string DataEndKey = "riskflags:data-end";

    public void Forget() => cache.Remove(DataEndKey);

    public async Task<DateOnly> AsOfAsync(string text, RiskFlagsDbContext db, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (string.IsNullOrWhiteSpace(text))
        {
            var end = await cache.GetOrCreateAsync(DataEndKey, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10);
                return LinkedDataStore.DataEndAsync(db, cancellationToken);
            });
            return end ?? today;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Problem.Invalid("as_of", $"'{ContractFields.Shorten(text)}' is not a date (YYYY-MM-DD)");
        }

        return date > today
            ? throw Problem.Invalid("as_of", $"{ContractFields.Iso(date)} is in the future (today is {ContractFields.Iso(today)})")
            : date;
    }
}

/// <summary>Opaque page tokens: an offset, so a client cannot mistake them for anything else.</summary>
internal static class Paging
{
    public const int DefaultSize = 50;
    public const int MaximumSize = 500;

    public static (int Offset, int Size) Read(string token, int size)
    {
        if (size is < 0 or > MaximumSize)
        {
            throw Problem.Invalid("page_size", $"{size} is not between 1 and {MaximumSize}");
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                offset = text.StartsWith("o:", StringComparison.Ordinal) ? int.Parse(text[2..], CultureInfo.InvariantCulture) : -1;
            }
            catch (FormatException)
            {
                offset = -1;
            }

            if (offset < 0)
            {
                throw Problem.Invalid("page_token", "not a token this service gave out");
            }
        }

        return (offset, size == 0 ? DefaultSize : size);
    }

    public static string Next(int offset, int size, int total) =>
        offset + size < total ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset + size}")) : "";
}

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
