namespace RiskFlags.Core.Contract;

/// <summary>
/// The detail codes the facts read, parsed once at load. Codes that the facts do not
/// distinguish (an arrest's offence group, a care episode's end reason) are kept as text
/// on the record and map to <see cref="Other"/> here.
/// </summary>
public enum EventDetail : byte
{
    None,
    Other,
    Victim,
    Perpetrator,
    Witness,
    Alcohol,
    Drugs,
    AlcoholAndDrugs,
    Neglect,
    Physical,
    Emotional,
    Sexual,
    Multiple,
    Section20,
    InterimCareOrder,
    CareOrder,
    PlacementOrder,
    PoliceProtection,
    Remand,
    EmergencyProtectionOrder,
    ChildAssessmentOrder,
    YouthJustice,
}
