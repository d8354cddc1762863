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

/// <summary>The cells of one events.csv row (or one ingested event), as text.</summary>
public sealed record RawEvent(string EventId, string PersonId, string Date, string Source, string Type, string EndDate, string Detail);

/// <summary>Validates one event on its own: identifiers, dates, the vocabulary, detail codes. References and duplicates are the caller's to check.</summary>
public static class EventValidator
{
    public static readonly string[] Fields = ["event_id", "person_id", "date", "source", "type", "end_date", "detail"];

    /// <returns>The event, or null with the problems as (field index into <see cref="Fields"/>, reason).</returns>
    public static EventRecord? Validate(RawEvent raw, DateOnly today, List<(int Field, string Reason)> problems)
    {
        void Problem(int field, string reason) => problems.Add((field, reason));
        var start = problems.Count;
        if (ContractFields.CheckIdentifier(raw.EventId) is { } idProblem)
        {
            Problem(0, idProblem);
        }

        if (ContractFields.CheckIdentifier(raw.PersonId) is { } personProblem)
        {
            Problem(1, personProblem);
        }

        DateOnly? date = null;
        if (raw.Date.Length == 0)
        {
            Problem(2, "is required");
        }
        else if ((date = ContractFields.ParseDate(raw.Date, today, out var dateProblem)) is null)
        {
            Problem(2, dateProblem!);
        }

        EventSource? source = null;
        if (raw.Source.Length == 0)
        {
            Problem(3, "is required");
        }
        else if (Vocabulary.Sources.TryGetValue(raw.Source, out var s))
        {
            source = s;
        }
        else
        {
            Problem(3, $"'{ContractFields.Shorten(raw.Source)}' is not one of {string.Join(", ", Vocabulary.Sources.Keys)}");
        }

        EventType? type = null;
        if (raw.Type.Length == 0)
        {
            Problem(4, "is required");
        }
        else if (Vocabulary.Types.TryGetValue(raw.Type, out var t))
        {
            type = t;
            if (source is { } known && Vocabulary.SourceOf(t) != known)
            {
                Problem(4, $"'{raw.Type}' is not a type for source '{known.Code()}'; expected one of {string.Join(", ", Vocabulary.TypeCodesOf(known))}");
            }
        }
        else
        {
            Problem(4, $"'{ContractFields.Shorten(raw.Type)}' is not one of {string.Join(", ", Vocabulary.Types.Keys)}");
        }

        DateOnly? end = null;
        if (raw.EndDate.Length > 0)
        {
            end = ContractFields.ParseDate(raw.EndDate, today, out var endProblem);
            if (end is null)
            {
                Problem(5, endProblem!);
            }
            else if (date is not null && end < date)
            {
                Problem(5, $"{ContractFields.Iso(end.Value)} is before the date {ContractFields.Iso(date.Value)}");
            }
        }

        var detailCode = EventDetail.None;
        string? detail = null;
        if (type is not null)
        {
            if (Vocabulary.TryParseDetail(type.Value, raw.Detail, out detailCode, out var normalised, out var reason))
            {
                detail = normalised.Length == 0 ? null : normalised;
            }
            else
            {
                Problem(6, reason!);
            }
        }

        return problems.Count > start || date is null || type is null
            ? null
            : new EventRecord(raw.EventId, raw.PersonId, date.Value, type.Value, end, detail, detailCode);
    }
}
