using System.Diagnostics;
using Grpc.Core;
using RiskFlags.Data;

namespace RiskFlags.Server.Audit;

/// <summary>
/// What a failed call tells its caller. An RpcException is the service's own answer; a cancelled
/// call is CANCELLED (the client went away: not an error of ours); a store that cannot be reached
/// or written is UNAVAILABLE, so clients retry; anything else is INTERNAL with a reference into the
/// log, never the exception's text (which could carry data) and never UNKNOWN.
/// </summary>
internal static partial class CallFailure
{
    /// <param name="detailed">In Development, INTERNAL carries the exception's type and message, as gRPC's EnableDetailedErrors does.</param>
    public static RpcException ToRpc(Exception e, ServerCallContext context, ILogger logger, bool detailed)
    {
        switch (e)
        {
            case RpcException rpc:
                return rpc;
            // Once the client has gone, whatever the service was doing fails with whatever it was doing it with
            // (a cancelled read, a write to a finished response stream): all of it is the cancellation.
            case Exception when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
            case Google.Protobuf.InvalidProtocolBufferException:
                // A streamed message read inside the service (an ingest) that is not the message it claims to be.
                return new RpcException(new Status(StatusCode.InvalidArgument, "request: a message of the stream is not a valid message of its type"));
        }

        if (StoreUnavailableException.Explain(e) is { } reason)
        {
            LogUnavailable(logger, context.Method, reason);
            return new RpcException(new Status(StatusCode.Unavailable, $"the store is not available: {reason}; try again shortly"));
        }

        var reference = Activity.Current?.TraceId.ToString() ?? context.GetHttpContext().TraceIdentifier;
        LogInternal(logger, e, context.Method, reference);
        return new RpcException(new Status(StatusCode.Internal,
            $"internal error (reference {reference}); the server's log has the details{(detailed ? $": {e.GetType().Name}: {e.Message}" : "")}"));
    }

    /// <summary>How an audit row names the outcome of a call.</summary>
    public static string Outcome(StatusCode code) => code switch
    {
        StatusCode.OK => "ok",
        StatusCode.InvalidArgument => "invalid_argument",
        StatusCode.NotFound => "not_found",
        StatusCode.FailedPrecondition => "failed_precondition",
        StatusCode.PermissionDenied => "permission_denied",
        StatusCode.Unauthenticated => "unauthenticated",
        StatusCode.ResourceExhausted => "resource_exhausted",
        _ => code.ToString().ToLowerInvariant(),
    };

    [LoggerMessage(LogLevel.Warning, "{Method} failed: the store is not available: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string reason);

    [LoggerMessage(LogLevel.Error, "{Method} failed (reference {Reference})")]
    private static partial void LogInternal(ILogger logger, Exception exception, string method, string reference);
}
