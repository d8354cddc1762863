namespace RiskFlags.Core.Referrals;

/// <summary>The statuses an enrolment can have, as stored.</summary>
public static class EnrolmentStatuses
{
    public const string Enrolled = "enrolled";
    public const string Waiting = "waiting";
    public const string Ended = "ended";
}
