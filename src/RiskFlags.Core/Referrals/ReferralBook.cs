namespace RiskFlags.Core.Referrals;

/// <summary>
/// Where every family stands with every programme it was suggested for, read once from the store:
/// what the flagged cohort shows and what the capacity table counts, by one rule (<see cref="ReferralStatuses.Of"/>).
/// </summary>
public sealed class ReferralBook(IReadOnlyDictionary<(string FamilyId, string Programme), Referral> referrals)
{
    public static readonly ReferralBook Empty = new(new Dictionary<(string, string), Referral>());

    private Dictionary<string, int>? openDecisions;

    /// <summary>How many of the family's suggestions await a worker's decision (open or deferred), across programmes.</summary>
    public int OpenDecisions(string familyId)
    {
        var counts = openDecisions ??= referrals.Where(r => r.Value.Status.IsPending())
            .GroupBy(r => r.Key.FamilyId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return counts.GetValueOrDefault(familyId);
    }

    public Referral Of(string familyId, string programme) =>
        referrals.TryGetValue((familyId, programme), out var referral) ? referral : new Referral(ReferralStatus.NotReferred, "");

    /// <summary>Builds the book from every suggestion, oldest first (the latest of each family and programme counts), and every enrolment that has not ended.</summary>
    public static ReferralBook From(
        IEnumerable<(string FamilyId, string Programme, string Status, string SuggestionId)> suggestionsOldestFirst,
        IEnumerable<(string FamilyId, string Programme, string Status)> currentEnrolments)
    {
        var suggestions = new Dictionary<(string, string), (string Status, string SuggestionId)>();
        foreach (var s in suggestionsOldestFirst)
        {
            suggestions[(s.FamilyId, s.Programme)] = (s.Status, s.SuggestionId);
        }

        // A place held outranks a place waited for.
        var enrolments = new Dictionary<(string, string), string>();
        foreach (var e in currentEnrolments)
        {
            if (!enrolments.TryGetValue((e.FamilyId, e.Programme), out var held) || held != EnrolmentStatuses.Enrolled)
            {
                enrolments[(e.FamilyId, e.Programme)] = e.Status;
            }
        }

        var book = new Dictionary<(string, string), Referral>();
        foreach (var key in suggestions.Keys.Union(enrolments.Keys))
        {
            var suggestion = suggestions.TryGetValue(key, out var s) ? s : default;
            book[key] = new Referral(ReferralStatuses.Of(suggestion.Status, enrolments.GetValueOrDefault(key)), suggestion.SuggestionId ?? "");
        }

        return new ReferralBook(book);
    }
}
