using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Scoring;

/// <summary>
/// The classifier's input, built from FamilyFacts alone. FamilyFacts holds no protected
/// characteristic (ethnicity and sex are never facts), so none can reach the model; a test
/// enforces it. An unknown value is -1 (an age or decile that is not recorded), which the trees
/// can treat as its own case. The local area and the family id are not features.
/// </summary>
public static class FeatureVector
{
    public const int Count = 46;

    public static readonly IReadOnlyList<Feature> Features =
    [
        new("DeprivationDecile", "deprivation decile of the home area", FeatureKind.MaybeUnknown, f => Known(f.DeprivationDecile)),
        new("Children", "children aged 0-17", FeatureKind.Count, f => f.Children),
        new("ChildrenAtHome", "children at home", FeatureKind.Count, f => f.ChildrenAtHome),
        new("ChildrenLookedAfter", "children looked after now", FeatureKind.Count, f => f.ChildrenLookedAfter),
        new("YoungestChildAge", "age of the youngest child at home", FeatureKind.MaybeUnknown, f => Known(f.YoungestChildAge)),
        new("YoungestChildAgeMonths", "age in months of the youngest child at home", FeatureKind.MaybeUnknown, f => Known(f.YoungestChildAgeMonths)),
        new("SchoolAgeChildren", "school-age children at home", FeatureKind.Count, f => f.SchoolAgeChildren),
        new("ChildAged10To17", "a child aged 10-17 at home", FeatureKind.Flag, f => Flag(f.ChildAged10To17)),
        new("OpenPregnancy", "a pregnancy", FeatureKind.Flag, f => Flag(f.OpenPregnancy)),
        new("DaysSinceLastEvent", "days since the latest record", FeatureKind.MaybeUnknown, f => Known(f.DaysSinceLastEvent)),
        new("DomesticAbuseIncidents12m", "domestic abuse incidents, last 12 months", FeatureKind.Count, f => f.DomesticAbuseIncidents12m),
        new("DomesticAbuseVictim12m", "domestic abuse incidents with a victim in the household, last 12 months", FeatureKind.Count, f => f.DomesticAbuseVictim12m),
        new("DomesticAbuseMotherVictim12m", "domestic abuse incidents with the mother the victim, last 12 months", FeatureKind.Count, f => f.DomesticAbuseMotherVictim12m),
        new("DomesticAbusePerpetrator12m", "domestic abuse incidents with a perpetrator in the household, last 12 months", FeatureKind.Count, f => f.DomesticAbusePerpetrator12m),
        new("DomesticAbuseChildrenPresent12m", "domestic abuse incidents with a child present, last 12 months", FeatureKind.Count, f => f.DomesticAbuseChildrenPresent12m),
        new("SubstanceTreatment24m", "a parent in substance-misuse treatment, last 24 months", FeatureKind.Flag, f => Flag(f.SubstanceTreatment24m)),
        new("SubstanceTreatmentOpen", "a parent in substance-misuse treatment now", FeatureKind.Flag, f => Flag(f.SubstanceTreatmentOpen)),
        new("SubstanceAlcohol24m", "alcohol treatment, last 24 months", FeatureKind.Flag, f => Flag(f.SubstanceAlcohol24m)),
        new("SubstanceDrugs24m", "drug treatment, last 24 months", FeatureKind.Flag, f => Flag(f.SubstanceDrugs24m)),
        new("MentalHealthContacts12m", "parents' mental health contacts, last 12 months", FeatureKind.Count, f => f.MentalHealthContacts12m),
        new("DomesticAbuseAtAssessment", "domestic abuse identified at an assessment, last 12 months", FeatureKind.Flag, f => Flag(f.DomesticAbuseAtAssessment is not null)),
        new("ParentalAlcoholAtAssessment", "parental alcohol misuse identified at an assessment, last 12 months", FeatureKind.Flag, f => Flag(f.ParentalAlcoholAtAssessment is not null)),
        new("ParentalDrugsAtAssessment", "parental drug misuse identified at an assessment, last 12 months", FeatureKind.Flag, f => Flag(f.ParentalDrugsAtAssessment is not null)),
        new("ParentalMentalHealthAtAssessment", "parental mental health identified at an assessment, last 12 months", FeatureKind.Flag, f => Flag(f.ParentalMentalHealthAtAssessment is not null)),
        new("HasMother", "a mother in the household", FeatureKind.Flag, f => Flag(f.HasMother)),
        new("MotherAge", "mother's age", FeatureKind.MaybeUnknown, f => Known(f.MotherAge)),
        new("MotherAgeAtFirstBirth", "mother's age at her first child's birth", FeatureKind.MaybeUnknown, f => Known(f.MotherAgeAtFirstBirth)),
        new("MotherAgeAtFirstRemoval", "mother's age at her first child's removal", FeatureKind.MaybeUnknown, f => Known(f.MotherAgeAtFirstRemoval)),
        new("MotherPriorRemovals", "mother's prior removals", FeatureKind.Count, f => f.MotherPriorRemovals),
        new("MotherPriorRemovalsAtBirth", "mother's prior removals at birth", FeatureKind.Count, f => f.MotherPriorRemovalsAtBirth),
        new("MotherCareExperienced", "mother care-experienced", FeatureKind.YesNoUnknown, f => f.MotherCareExperienced switch { true => 1, false => 0, null => -1 }),
        new("Suspensions12m", "school suspensions, last 12 months", FeatureKind.Count, f => f.Suspensions12m),
        new("PermanentExclusions12m", "permanent exclusions, last 12 months", FeatureKind.Count, f => f.PermanentExclusions12m),
        new("PersistentAbsence12m", "terms of persistent absence, last 12 months", FeatureKind.Count, f => f.PersistentAbsence12m),
        new("MissingEpisodes12m", "missing episodes, last 12 months", FeatureKind.Count, f => f.MissingEpisodes12m),
        new("AeAttendances12m", "A&E attendances, last 12 months", FeatureKind.Count, f => f.AeAttendances12m),
        new("Arrests12m", "arrests, last 12 months", FeatureKind.Count, f => f.Arrests12m),
        new("HomelessnessApplications12m", "homelessness applications, last 12 months", FeatureKind.Count, f => f.HomelessnessApplications12m),
        new("Evictions12m", "evictions, last 12 months", FeatureKind.Count, f => f.Evictions12m),
        new("Contacts12m", "contacts to the front door, last 12 months", FeatureKind.Count, f => f.Contacts12m),
        new("Referrals12m", "referrals to social care, last 12 months", FeatureKind.Count, f => f.Referrals12m),
        new("OpenChildInNeedPlan", "a child in need plan now", FeatureKind.Flag, f => Flag(f.OpenChildInNeedPlan)),
        new("OpenChildProtectionPlan", "a child protection plan now", FeatureKind.Flag, f => Flag(f.OpenChildProtectionPlan)),
        new("PreviousChildProtectionPlans", "earlier child protection plans", FeatureKind.Count, f => f.PreviousChildProtectionPlans),
        new("OpenEarlyHelp", "early help now", FeatureKind.Flag, f => Flag(f.OpenEarlyHelp)),
        new("ChildProtectionNeglect", "a child protection plan for neglect now", FeatureKind.Flag, f => Flag(f.ChildProtectionCategory == "neglect")),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Features.Select(f => f.Name)];

    public static float[] Of(FamilyFacts facts)
    {
        var values = new float[Count];
        Fill(facts, values);
        return values;
    }

    public static void Fill(FamilyFacts facts, Span<float> values)
    {
        for (var i = 0; i < Count; i++)
        {
            values[i] = Features[i].Value(facts);
        }
    }

    public static string ValueText(Feature feature, float value) => (feature.Kind, value) switch
    {
        (FeatureKind.Flag or FeatureKind.YesNoUnknown, 1) => "yes",
        (FeatureKind.Flag or FeatureKind.YesNoUnknown, 0) => "no",
        (FeatureKind.MaybeUnknown or FeatureKind.YesNoUnknown, -1) => "unknown",
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static float Known(int? value) => value ?? -1;

    private static float Flag(bool value) => value ? 1 : 0;
}
