using System.Globalization;
using System.Text;

namespace RiskFlags.Server.Services;

/// <summary>Opaque page tokens: an offset, so a client cannot mistake them for anything else.</summary>
internal static class PageToken
{
    public const int DefaultSize = 50;
    public const int MaximumSize = 500;

    public static (int Offset, int Size) Read(string token, int size)
    {
        if (size is < 0 or > MaximumSize)
        {
            throw RpcErrors.Invalid("page_size", $"{size} is not between 1 and {MaximumSize}");
        }

        if (string.IsNullOrEmpty(token))
        {
            return (0, size == 0 ? DefaultSize : size);
        }

        if (token.Length > 64 || !TryOffset(token, out var offset))
        {
            throw RpcErrors.Invalid("page_token", "not a token this service gave out");
        }

        return (offset, size == 0 ? DefaultSize : size);
    }

    public static string Next(int offset, int size, int total) =>
        offset + size < total ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset + size}")) : "";

    private static bool TryOffset(string token, out int offset)
    {
        offset = -1;
        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(token, bytes, out var length)
            && Encoding.UTF8.GetString(bytes[..length]) is var text
            && text.StartsWith("o:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
