using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;

namespace RiskFlags.Server.Hosting;

/// <summary>The request message of a gRPC call, read from its body before the framework reads it: for audit rows of refusals, and to refuse a body that is not the message it claims to be.</summary>
public static class GrpcRequestBody
{
    private static readonly Dictionary<string, MessageDescriptor> RequestTypes = V1.RiskflagsReflection.Descriptor.Services
        .SelectMany(s => s.Methods)
        .ToDictionary(m => $"/{m.Service.FullName}/{m.Name}", m => m.InputType, StringComparer.Ordinal);

    public static bool IsGrpc(HttpContext context) => context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    /// <summary>The request type of a method of ours; null for the framework's own (health, reflection).</summary>
    public static MessageDescriptor? TypeOf(GrpcMethodMetadata grpc) => RequestTypes.GetValueOrDefault(grpc.Method.FullName);

    /// <summary>
    /// Reads the first message (a 5-byte prefix, then the message) whole, up to <paramref name="maximumBytes"/>.
    /// A message that is compressed, longer, or cut short is not read past its prefix; the result says which.
    /// </summary>
    public static async Task<GrpcFirstMessage> ReadFirstAsync(HttpContext context, MessageDescriptor type, int maximumBytes)
    {
        var prefix = new byte[5];
        if (await context.Request.Body.ReadAtLeastAsync(prefix, 5, throwOnEndOfStream: false, context.RequestAborted) < 5)
        {
            return new GrpcFirstMessage(null, null, -1, false);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1));
        if (prefix[0] != 0 || length > maximumBytes)
        {
            return new GrpcFirstMessage(null, null, length, prefix[0] != 0);
        }

        var frame = new byte[5 + length];
        prefix.CopyTo(frame, 0);
        if (await context.Request.Body.ReadAtLeastAsync(frame.AsMemory(5), (int)length, throwOnEndOfStream: false, context.RequestAborted) < length)
        {
            return new GrpcFirstMessage(null, null, length, false);
        }

        try
        {
            return new GrpcFirstMessage(frame, type.Parser.ParseFrom(frame, 5, (int)length), length, false);
        }
        catch (InvalidProtocolBufferException)
        {
            return new GrpcFirstMessage(frame, null, length, false);
        }
    }
}
