namespace RiskFlags.Core.Referrals;

/// <summary>
/// Where a family stands with a programme suggested for it, from the latest suggestion of it and the
/// family's current enrolment on it. Every screen and every count reads it from <see cref="ReferralStatuses.Of"/>,
/// so the cohort page and the capacity table cannot disagree about a family.
/// </summary>
public enum ReferralStatus
{
    /// <summary>Flagged for the programme, never suggested to a worker (or only in a look back).</summary>
    NotReferred,

    /// <summary>Suggested, awaiting a decision.</summary>
    Open,

    /// <summary>Suggested, the decision put off: still pending.</summary>
    Deferred,

    /// <summary>Accepted and the enrolment since ended: the family has had its place.</summary>
    Accepted,

    Declined,

    /// <summary>Holds a place this programme year.</summary>
    Enrolled,

    /// <summary>On the programme's waiting list.</summary>
    Waiting,
}

/// <summary>The one definition of each status, and of pending, waiting and not yet referred.</summary>
public static class ReferralStatuses
{
    public static readonly IReadOnlyList<ReferralStatus> All = Enum.GetValues<ReferralStatus>();

    public static string Code(this ReferralStatus status) => status switch
    {
        ReferralStatus.NotReferred => "not_referred",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string code, out ReferralStatus status)
    {
        foreach (var candidate in All)
        {
            if (candidate.Code() == code)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>
    /// The status of a family with a programme: its current enrolment's (enrolled, waiting) if it has
    /// one, else its latest suggestion's, else not referred.
    /// </summary>
    /// <param name="latestSuggestion">The status code of the family's latest suggestion of the programme, if any.</param>
    /// <param name="currentEnrolment">The status code of the family's enrolment that has not ended, if any.</param>
    public static ReferralStatus Of(string? latestSuggestion, string? currentEnrolment) => currentEnrolment switch
    {
        EnrolmentStatuses.Enrolled => ReferralStatus.Enrolled,
        EnrolmentStatuses.Waiting => ReferralStatus.Waiting,
        _ => latestSuggestion switch
        {
            SuggestionStatuses.Open => ReferralStatus.Open,
            SuggestionStatuses.Deferred => ReferralStatus.Deferred,
            SuggestionStatuses.Accepted => ReferralStatus.Accepted,
            SuggestionStatuses.Declined => ReferralStatus.Declined,
            _ => ReferralStatus.NotReferred,
        },
    };

    /// <summary>Suggested to a worker and not yet decided: the suggestion is open or deferred.</summary>
    public static bool IsPending(this ReferralStatus status) => status is ReferralStatus.Open or ReferralStatus.Deferred;

    /// <summary>Flagged for the programme and not (yet) referred to it: the demand beyond those enrolled and waiting.</summary>
    public static bool IsSuggestedNotReferred(this ReferralStatus status) => status is ReferralStatus.NotReferred || status.IsPending();
}
