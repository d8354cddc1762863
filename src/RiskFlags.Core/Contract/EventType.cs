namespace RiskFlags.Core.Contract;

/// <summary>
/// Every event type in the controlled vocabulary. Each type belongs to exactly one source,
/// so the type alone identifies the pair.
/// </summary>
public enum EventType : byte
{
    DomesticAbuseIncident,
    Arrest,
    MissingEpisode,
    Suspension,
    PermanentExclusion,
    PersistentAbsence,
    AeAttendance,
    MaternityBooking,
    MentalHealthContact,
    SubstanceTreatment,
    HomelessnessApplication,
    Eviction,
    Contact,
    Referral,
    ChildInNeedPlan,
    ChildProtectionPlan,
    CareEpisode,
    EarlyHelpEpisode,
    AssessmentFactor,
    Section47Enquiry,
    MissingFromCare,
    CareStartUnknown,
}
