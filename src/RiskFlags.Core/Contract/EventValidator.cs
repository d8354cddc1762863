namespace RiskFlags.Core.Contract;

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
            Problem(4, $"'{ContractFields.Shorten(raw.Type)}' is not one of {ContractFields.Shorten(string.Join(", ", Vocabulary.Types.Keys), 300)}");
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
