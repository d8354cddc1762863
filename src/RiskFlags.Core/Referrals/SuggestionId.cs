using System.Globalization;

namespace RiskFlags.Core.Referrals;

/// <summary>
/// A suggestion's id: "s_" and a version 7 GUID, whose first 48 bits are the moment it was made, so
/// ids sort by age and allocation can tell how long a family has waited from the id alone.
/// </summary>
public static class SuggestionId
{
    public static string New(DateTimeOffset now) => $"s_{Guid.CreateVersion7(now):N}";

    /// <summary>When the suggestion was made, to the millisecond; null for an id not made by <see cref="New"/>.</summary>
    public static DateTimeOffset? CreatedAt(string id) =>
        id is ['s', '_', .. var hex] && hex.Length == 32 && hex[12] == '7'
            && long.TryParse(hex.AsSpan(0, 12), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
}
