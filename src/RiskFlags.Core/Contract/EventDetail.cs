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

    /// <summary>Assessment factors 3A, 3B, 3C: a child, parent or household member the subject of domestic abuse.</summary>
    FactorDomesticAbuse,

    /// <summary>Assessment factors 1B, 1C: alcohol misuse by a parent or carer, or another person in the household.</summary>
    FactorParentalAlcohol,

    /// <summary>Assessment factors 2B, 2C: drug misuse by a parent or carer, or another person in the household.</summary>
    FactorParentalDrugs,

    /// <summary>Assessment factors 4B, 4C: the mental health of a parent or carer, or another person in the family.</summary>
    FactorParentalMentalHealth,

    /// <summary>A care episode of short breaks (respite; the 903's V3/V4): never a removal, never looked after, never an outcome.</summary>
    ShortBreaks,
}
