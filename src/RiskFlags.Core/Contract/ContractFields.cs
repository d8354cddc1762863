using System.Globalization;

namespace RiskFlags.Core.Contract;

/// <summary>The contract's rules for one cell: identifiers and dates, shared by the CSV reader, ingest and the API.</summary>
public static class ContractFields
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM"];

    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>1-64 characters from A-Z a-z 0-9 _ . : -</summary>
    public static bool IsIdentifier(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-');

    public static string? CheckIdentifier(string value) =>
        value.Length == 0 ? "is required"
        : IsIdentifier(value) ? null
        : $"'{Shorten(value)}' is not an identifier (1-64 characters from A-Z a-z 0-9 _ . : -)";

    /// <summary>Parses YYYY-MM-DD or YYYY-MM (the first of the month), between 1900 and today.</summary>
    public static DateOnly? ParseDate(string value, DateOnly today, out string? problem)
    {
        problem = null;
        if (!DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problem = $"'{Shorten(value)}' is not a date (YYYY-MM-DD or YYYY-MM)";
            return null;
        }

        if (date < EarliestDate || date > today)
        {
            problem = $"{Iso(date)} is outside {Iso(EarliestDate)} to today ({Iso(today)})";
            return null;
        }

        return date;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="length"/> characters of an input, for an error message or a log: never echo what a caller sent in full.</summary>
    public static string Shorten(string text, int length = 40) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 3), "...");
}
