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
    /// Null when it is compressed, longer, or cut short: the framework then answers as it does for those,
    /// from a body rewound to its start when buffering was enabled.
    /// </summary>
    public static async Task<(byte[] Frame, IMessage? Message)?> ReadFirstAsync(HttpContext context, MessageDescriptor type, int maximumBytes)
    {
        var prefix = new byte[5];
        var got = await context.Request.Body.ReadAtLeastAsync(prefix, 5, throwOnEndOfStream: false, context.RequestAborted);
        var length = got == 5 ? BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1)) : 0;
        if (got < 5 || prefix[0] != 0 || length > maximumBytes)
        {
            return Rewound(context);
        }

        var frame = new byte[5 + length];
        prefix.CopyTo(frame, 0);
        if (await context.Request.Body.ReadAtLeastAsync(frame.AsMemory(5), (int)length, throwOnEndOfStream: false, context.RequestAborted) < length)
        {
            return Rewound(context);
        }

        try
        {
            return (frame, type.Parser.ParseFrom(frame, 5, (int)length));
        }
        catch (InvalidProtocolBufferException)
        {
            return (frame, null);
        }
    }

    /// <summary>Left to the framework, which must read the message from its first byte: the body goes back to its start, when it can.</summary>
    private static (byte[] Frame, IMessage? Message)? Rewound(HttpContext context)
    {
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
        }

        return null;
    }
}
