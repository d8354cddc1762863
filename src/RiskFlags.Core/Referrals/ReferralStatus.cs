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
