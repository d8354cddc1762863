namespace RiskFlags.Core.Facts;

/// <summary>
/// What the linked records show about one family as of a date: the single input of the rules and
/// the classifier. Every fact is computed only from events dated on or before <see cref="AsOf"/>
/// (an episode ending after it counts as open). "12m" means the 12 months up to and including AsOf.
/// Unknown values are null, never zero: an empty cell in the contract means "unknown", not "no".
/// </summary>
public sealed record FamilyFacts
{
    public required string FamilyId { get; init; }

    public required DateOnly AsOf { get; init; }

    public string? LocalArea { get; init; }

    /// <summary>IDACI decile of the home area: 1 most deprived, 10 least.</summary>
    public int? DeprivationDecile { get; init; }

    // Children ---------------------------------------------------------------------------

    /// <summary>Children aged 0-17, at home or looked after.</summary>
    public int Children { get; init; }

    /// <summary>Children aged 0-17 not looked after.</summary>
    public int ChildrenAtHome { get; init; }

    /// <summary>Children with an open care episode.</summary>
    public int ChildrenLookedAfter { get; init; }

    /// <summary>Age in whole years of the youngest child at home; null when no child is at home.</summary>
    public int? YoungestChildAge { get; init; }

    /// <summary>Age in whole months of the youngest child at home; null when no child is at home.</summary>
    public int? YoungestChildAgeMonths { get; init; }

    /// <summary>Children at home of compulsory school age (5-16).</summary>
    public int SchoolAgeChildren { get; init; }

    /// <summary>A child at home aged 10-17 (the age range of MST and FFT).</summary>
    public bool ChildAged10To17 { get; init; }

    /// <summary>A maternity booking in the 280 days up to AsOf.</summary>
    public bool OpenPregnancy { get; init; }

    /// <summary>Days from the latest event of any member to AsOf; null when nothing is recorded.</summary>
    public int? DaysSinceLastEvent { get; init; }

    // Domestic abuse (police) ------------------------------------------------------------

    /// <summary>Days in the last 12 months on which the police recorded domestic abuse against any member.</summary>
    public int DomesticAbuseIncidents12m { get; init; }

    /// <summary>Incidents in the last 12 months in which a member was recorded as the victim.</summary>
    public int DomesticAbuseVictim12m { get; init; }

    /// <summary>Incidents in the last 12 months in which the mother was recorded as the victim.</summary>
    public int DomesticAbuseMotherVictim12m { get; init; }

    /// <summary>Incidents in the last 12 months in which a member was recorded as the perpetrator.</summary>
    public int DomesticAbusePerpetrator12m { get; init; }

    /// <summary>Incidents in the last 12 months with a child of the family present.</summary>
    public int DomesticAbuseChildrenPresent12m { get; init; }

    // Parents' substance misuse and mental health -----------------------------------------

    /// <summary>A parent or carer in substance-misuse treatment at any time in the last 24 months.</summary>
    public bool SubstanceTreatment24m { get; init; }

    /// <summary>A parent or carer whose substance-misuse treatment is open at AsOf.</summary>
    public bool SubstanceTreatmentOpen { get; init; }

    public bool SubstanceAlcohol24m { get; init; }

    public bool SubstanceDrugs24m { get; init; }

    /// <summary>Mental health contacts of parents and carers in the last 12 months.</summary>
    public int MentalHealthContacts12m { get; init; }

    // What social workers identified at assessment (the CIN census's assessment factors) ---------
    // Each is the date (YYYY-MM-DD) of the latest assessment authorised in the last 12 months that
    // identified it, or null: a social worker's judgement, dated when the assessment was signed off.

    /// <summary>Factors 3A-3C: a child, parent or household member the subject of domestic abuse.</summary>
    public string? DomesticAbuseAtAssessment { get; init; }

    /// <summary>Factors 1B-1C: alcohol misuse by a parent, carer or another person in the household.</summary>
    public string? ParentalAlcoholAtAssessment { get; init; }

    /// <summary>Factors 2B-2C: drug misuse by a parent, carer or another person in the household.</summary>
    public string? ParentalDrugsAtAssessment { get; init; }

    /// <summary>Factors 4B-4C: the mental health of a parent, carer or another person in the family.</summary>
    public string? ParentalMentalHealthAtAssessment { get; init; }

    // The mother -------------------------------------------------------------------------

    public bool HasMother { get; init; }

    public int? MotherAge { get; init; }

    /// <summary>Her age at the birth of her first child (in any family).</summary>
    public int? MotherAgeAtFirstBirth { get; init; }

    /// <summary>Her age when a child of hers (in any family) was first removed; null when none was.</summary>
    public int? MotherAgeAtFirstRemoval { get; init; }

    /// <summary>Care episodes of her children (in any family) that began on or before AsOf.</summary>
    public int MotherPriorRemovals { get; init; }

    /// <summary>Of those, episodes that began within 7 days of the child's birth.</summary>
    public int MotherPriorRemovalsAtBirth { get; init; }

    /// <summary>Whether she was looked after as a child; null when unknown.</summary>
    public bool? MotherCareExperienced { get; init; }

    // School, police and health records of the children ----------------------------------

    public int Suspensions12m { get; init; }

    public int PermanentExclusions12m { get; init; }

    /// <summary>Terms of persistent absence (below 90% attendance) in the last 12 months.</summary>
    public int PersistentAbsence12m { get; init; }

    public int MissingEpisodes12m { get; init; }
    // Counted from the police's missing episodes and the council's own records of a looked-after child missing or away (903 Missing).

    /// <summary>A&amp;E attendances of any member in the last 12 months.</summary>
    public int AeAttendances12m { get; init; }

    /// <summary>Arrests of any member in the last 12 months.</summary>
    public int Arrests12m { get; init; }

    // Housing -----------------------------------------------------------------------------

    public int HomelessnessApplications12m { get; init; }

    public int Evictions12m { get; init; }

    // Social care and early help -----------------------------------------------------------

    public int Contacts12m { get; init; }

    public int Referrals12m { get; init; }

    public bool OpenChildInNeedPlan { get; init; }

    public bool OpenChildProtectionPlan { get; init; }

    /// <summary>Category of the open child protection plan (neglect, physical, emotional, sexual, multiple); null when none or unknown.</summary>
    public string? ChildProtectionCategory { get; init; }

    /// <summary>Child protection plans that ended on or before AsOf.</summary>
    public int PreviousChildProtectionPlans { get; init; }

    public bool OpenEarlyHelp { get; init; }

    /// <summary>
    /// The classifier's calibrated probability that a child enters care within 365 days, read by the
    /// pathway rules. Only <see cref="Assessment.ScoredFacts"/> sets it: facts built from records have none (NaN).
    /// </summary>
    public double RiskScore { get; init; } = double.NaN;
}
