namespace RiskFlags.Data;

/// <summary>An enrolment that cannot be ended because it does not hold a place: it is waiting, or already ended.</summary>
public sealed class EnrolmentNotCurrentException(string enrolmentId, string status)
    : Exception($"enrolment '{enrolmentId}' is {status}, not enrolled")
{
    public string Status { get; } = status;
}
