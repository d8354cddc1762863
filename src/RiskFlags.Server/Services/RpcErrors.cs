using Grpc.Core;
using RiskFlags.Core.Contract;

namespace RiskFlags.Server.Services;

/// <summary>
/// gRPC errors that name the field at fault. A value the caller sent is quoted only through
/// <see cref="Quote"/>, shortened, so an error can never echo a huge input back (and tear down a client's connection).
/// </summary>
internal static class RpcErrors
{
    public static RpcException Invalid(string field, string message) => new(new Status(StatusCode.InvalidArgument, $"{field}: {message}"));

    public static RpcException NotFound(string field, string message) => new(new Status(StatusCode.NotFound, $"{field}: {message}"));

    public static RpcException Precondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    /// <summary>A caller's value, quoted and cut to at most 40 characters.</summary>
    public static string Quote(string value) => $"'{ContractFields.Shorten(value)}'";

    /// <summary>A filter value must be a word of the vocabulary: an unknown one is a typo, and an empty answer would hide it.</summary>
    public static void CheckVocabulary(string field, string value, IReadOnlySet<string> known)
    {
        if (value.Length > 0 && !known.Contains(value))
        {
            throw Invalid(field, $"{Quote(value)} is not one of {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        }
    }

    public static string FamilyId(string familyId) =>
        ContractFields.CheckIdentifier(familyId) is { } problem ? throw Invalid("family_id", problem) : familyId;
}
