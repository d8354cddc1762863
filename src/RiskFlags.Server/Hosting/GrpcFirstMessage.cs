using Google.Protobuf;

namespace RiskFlags.Server.Hosting;

/// <summary>What the first message of a gRPC body turned out to be, once its prefix was read.</summary>
/// <param name="Frame">The prefix and the message, when the whole message was read; null otherwise.</param>
/// <param name="Message">The parsed message; null when it was not read whole or is not the type it claims.</param>
/// <param name="DeclaredLength">The length its prefix gives; -1 when the body is shorter than a prefix.</param>
/// <param name="Compressed">Its prefix marks it compressed.</param>
public readonly record struct GrpcFirstMessage(byte[]? Frame, IMessage? Message, long DeclaredLength, bool Compressed)
{
    public bool Whole => Frame is not null;
}
