namespace RiskFlags.Core.Referrals;

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
