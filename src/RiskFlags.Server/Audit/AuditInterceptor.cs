using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Security;

namespace RiskFlags.Server.Audit;

/// <summary>
/// Every RPC goes through here. An <see cref="AuditedAttribute">[Audited]</see> one writes its audit
/// row whatever happens: on success before its answer is sent (with the call's own changes, in its
/// transaction, when it made any), on failure with the outcome, after rolling back what the call
/// had begun. Every failure leaves as a gRPC status (<see cref="CallFailure"/>), never UNKNOWN.
/// </summary>
public sealed class AuditInterceptor(AuditWriter writer, TimeProvider time, IHostEnvironment environment, ILogger<AuditInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var call = Begin(request, context);
        try
        {
            var response = await continuation(request, context);
            if (call is not null)
            {
                await call.SucceededAsync(context.CancellationToken);
            }

            return response;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw await FailAsync(call, e, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var call = Begin<TRequest>(null, context);
        try
        {
            var response = await continuation(requestStream, context);
            if (call is not null)
            {
                await call.SucceededAsync(context.CancellationToken);
            }

            return response;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw await FailAsync(call, e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var call = Begin(request, context);
        var stream = call is null ? responseStream : new AuditedStream<TResponse>(responseStream, call, context.CancellationToken);
        try
        {
            await continuation(request, stream, context);
            if (call is { Written: false })
            {
                await call.SucceededAsync(context.CancellationToken);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw await FailAsync(call, e, context);
        }
    }

    private AuditedCall? Begin<TRequest>(TRequest? request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>() is null)
        {
            return null;
        }

        var record = http.RequestServices.GetRequiredService<AuditRecord>();
        record.FamilyId ??= request is IMessage message ? FamilyIdOf(message) : null;
        var db = http.RequestServices.GetRequiredService<RiskFlagsDbContext>();
        return new AuditedCall(this, db, record, Caller.Of(http.User), Action(context.Method));
    }

    private async Task<RpcException> FailAsync(AuditedCall? call, Exception e, ServerCallContext context)
    {
        var rpc = CallFailure.ToRpc(e, context, logger, environment.IsDevelopment());
        if (call is not null)
        {
            try
            {
                await call.FailedAsync(rpc);
            }
            catch (Exception audit) when (audit is not OutOfMemoryException)
            {
                // The call fails anyway; the log must say its audit row is missing.
                logger.LogError(audit, "The audit row of a failed {Action} ({Outcome}) could not be stored", call.Action, CallFailure.Outcome(rpc.StatusCode));
            }
        }

        return rpc;
    }

    /// <summary>The request's family_id field, when it has one that is an identifier: the family the call is about.</summary>
    internal static string? FamilyIdOf(IMessage request) =>
        request.Descriptor.FindFieldByName("family_id")?.Accessor.GetValue(request) is string id && ContractFields.IsIdentifier(id) ? id : null;

    /// <summary>"/riskflags.v1.Assessments/AssessFamily" is audited as AssessFamily.</summary>
    internal static string Action(string method) => method[(method.LastIndexOf('/') + 1)..];

    private Task WriteAsync(AuditRow row) => writer.WriteAsync(row);

    internal AuditRow Row(Caller caller, string action, AuditRecord record, string outcome, string? detail) => new()
    {
        At = time.GetUtcNow(),
        Caller = caller.Name,
        Role = caller.Role,
        Action = action,
        FamilyId = record.FamilyId is { } id && ContractFields.IsIdentifier(id) ? id : null,
        Outcome = outcome,
        Detail = detail is { Length: > AuditRecord.MaximumDetail } ? detail[..AuditRecord.MaximumDetail] : detail,
        Families = [.. record.Families.Where(ContractFields.IsIdentifier).Distinct(StringComparer.Ordinal).Select(f => new AuditFamilyRow { FamilyId = f })],
    };

    /// <summary>One audited call in progress.</summary>
    private sealed class AuditedCall(AuditInterceptor owner, RiskFlagsDbContext db, AuditRecord record, Caller caller, string action)
    {
        public string Action => action;

        /// <summary>Whether the success row is stored (a stream stores it before its first message).</summary>
        public bool Written { get; private set; }

        /// <summary>
        /// A call that changed something stores its changes and its audit row together, committing its
        /// transaction if it opened one; a read hands its row to the group-commit writer and waits until it is stored.
        /// </summary>
        public async Task SucceededAsync(CancellationToken cancellationToken)
        {
            var row = owner.Row(caller, action, record, "ok", record.Detail);
            if (db.Database.CurrentTransaction is { } transaction)
            {
                db.Audit.Add(row);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
            else if (db.ChangeTracker.HasChanges())
            {
                db.Audit.Add(row);
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                await owner.WriteAsync(row);
            }

            Written = true;
        }

        /// <summary>Drops what the call had begun, then stores the row of its failure.</summary>
        public async Task FailedAsync(RpcException failure)
        {
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await transaction.DisposeAsync();
            }

            db.ChangeTracker.Clear();
            var detail = Written ? $"failed part-way: {failure.Status.Detail}" : failure.Status.Detail;
            await owner.WriteAsync(owner.Row(caller, action, record, CallFailure.Outcome(failure.StatusCode), detail));
        }
    }

    /// <summary>A response stream that stores the call's audit row before the first message leaves.</summary>
    private sealed class AuditedStream<T>(IServerStreamWriter<T> inner, AuditedCall call, CancellationToken cancellationToken) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public async Task WriteAsync(T message, CancellationToken writeCancellation)
        {
            if (!call.Written)
            {
                await call.SucceededAsync(cancellationToken);
            }

            await inner.WriteAsync(message, writeCancellation);
        }
    }
}
