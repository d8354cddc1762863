using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// A unary or server-streaming call whose body is not the message it claims to be is refused here
/// with INVALID_ARGUMENT: the framework would read it past every interceptor and answer UNKNOWN.
/// The checked bytes are handed on, so the message is read from the network once.
/// </summary>
public static class GrpcRequestValidation
{
    /// <summary>Bodies larger than this are left to the framework, which refuses them past its own limit (4 MB).</summary>
    private const int MaximumCheckedBytes = 4 * 1024 * 1024;

    public static IApplicationBuilder UseGrpcRequestValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (GrpcRequestBody.IsGrpc(context)
            && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { Method.Type: MethodType.Unary or MethodType.ServerStreaming } grpc
            && GrpcRequestBody.TypeOf(grpc) is { } type
            && await ReadFirstAsync(context, type) is { } read)
        {
            if (read.Message is null)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = ((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString($"request: not a valid {type.FullName} message");
                return;
            }

            context.Request.Body = new MemoryStream(read.Frame, writable: false);
        }

        await next(context);
    });

    private static Task<(byte[] Frame, IMessage? Message)?> ReadFirstAsync(HttpContext context, MessageDescriptor type)
    {
        // Buffered, so a message left to the framework (compressed, or past the size checked here) is read again from its start.
        context.Request.EnableBuffering();
        return GrpcRequestBody.ReadFirstAsync(context, type, MaximumCheckedBytes);
    }
}
