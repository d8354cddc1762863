using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// A unary or server-streaming call whose body is not the message it claims to be is refused here
/// with INVALID_ARGUMENT (one longer than any service takes with RESOURCE_EXHAUSTED): the framework
/// would read it past every interceptor and answer UNKNOWN. The checked bytes are handed on, so the
/// message is read from the network once and nothing needs buffering.
/// </summary>
public static class GrpcRequestValidation
{
    /// <summary>The largest message any service takes (a model publication); a longer one is refused here, before it is read.</summary>
    private const int MaximumCheckedBytes = Services.ModelPublisher.MaximumRequestBytes;

    public static IApplicationBuilder UseGrpcRequestValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // A compressed call is the framework's to decompress; every other unary body is read here once and handed on.
        if (GrpcRequestBody.IsGrpc(context)
            && context.Request.Headers["grpc-encoding"] is var encoding && (encoding.Count == 0 || encoding == "identity")
            && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { Method.Type: MethodType.Unary or MethodType.ServerStreaming } grpc
            && GrpcRequestBody.TypeOf(grpc) is { } type)
        {
            var first = await GrpcRequestBody.ReadFirstAsync(context, type, MaximumCheckedBytes);
            (StatusCode Code, string Message)? refusal = first switch
            {
                { Compressed: true } => (StatusCode.InvalidArgument, "request: the message is marked compressed but the call names no grpc-encoding"),
                { Whole: false, DeclaredLength: > MaximumCheckedBytes } => (StatusCode.ResourceExhausted,
                    string.Create(CultureInfo.InvariantCulture, $"request: a message of {first.DeclaredLength:N0} bytes; at most {MaximumCheckedBytes:N0} are accepted")),
                { Whole: false } => (StatusCode.InvalidArgument, "request: the body ends before its message does"),
                { Message: null } => (StatusCode.InvalidArgument, $"request: not a valid {type.FullName} message"),
                _ => null,
            };
            if (refusal is { } refused)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = ((int)refused.Code).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString(refused.Message);
                return;
            }

            context.Request.Body = new MemoryStream(first.Frame!, writable: false);
        }

        await next(context);
    });
}
