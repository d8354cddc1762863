using RiskFlags.Core.Facts;

namespace RiskFlags.Bench;

/// <summary>
/// The shipped rules written directly in C#, as the floor for rule evaluation. Bit i is the rule at
/// index i of the shipped set (evidence rules in file order, then pathways); the bench checks that
/// it agrees with the rule set on every family before timing anything.
/// </summary>
internal static class HandWrittenRules
{
    public static readonly string[] Names =
    [
        "DomesticAbuse.RepeatIncidents", "DomesticAbuse.ChildPresent", "DomesticAbuse.Victim", "DomesticAbuse.Perpetrator",
        "MothersAge.YoungAtFirstRemoval", "MothersAge.YoungMotherOfYoungChild", "MothersAge.CareExperienced",
        "PriorRemovals.AtBirth", "PriorRemovals.Repeat", "PriorRemovals.Any", "PriorRemovals.NewBaby",
        "SchoolExclusion.Permanent", "SchoolExclusion.RepeatSuspensions", "SchoolExclusion.PersistentAbsence", "SchoolExclusion.MissingEpisodes",
        "SubstanceMisuse.InTreatment", "SubstanceMisuse.RecentTreatment", "SubstanceMisuse.ToxicTrio",
        "Pathway.EdgeOfCare", "Pathway.EdgeOfCareAdolescent", "Pathway.Pause", "Pathway.MellowMums", "Pathway.TripleP",
        "Pathway.Sfsc", "Pathway.Steps", "Pathway.PerpetratorProgramme", "Pathway.SubstanceOutreach",
    ];

    public static ulong Evaluate(FamilyFacts f)
    {
        ulong m = 0;

        m |= (ulong)(((f.DomesticAbuseIncidents12m >= 2)) ? 1 : 0) << 0;
        m |= (ulong)(((f.DomesticAbuseChildrenPresent12m >= 1)) ? 1 : 0) << 1;
        m |= (ulong)(((f.DomesticAbuseVictim12m >= 1)) ? 1 : 0) << 2;
        m |= (ulong)(((f.DomesticAbusePerpetrator12m >= 1)) ? 1 : 0) << 3;
        m |= (ulong)(((f.MotherAgeAtFirstRemoval <= 17)) ? 1 : 0) << 4;
        m |= (ulong)(((f.MotherAge < 20 && (f.OpenPregnancy || f.YoungestChildAgeMonths < 24))) ? 1 : 0) << 5;
        m |= (ulong)(((f.MotherCareExperienced == true)) ? 1 : 0) << 6;
        m |= (ulong)(((f.MotherPriorRemovalsAtBirth >= 1)) ? 1 : 0) << 7;
        m |= (ulong)(((f.MotherPriorRemovals >= 2)) ? 1 : 0) << 8;
        m |= (ulong)(((f.MotherPriorRemovals >= 1)) ? 1 : 0) << 9;
        m |= (ulong)(((f.MotherPriorRemovals >= 1 && (f.OpenPregnancy || f.YoungestChildAgeMonths < 12))) ? 1 : 0) << 10;
        m |= (ulong)(((f.PermanentExclusions12m >= 1)) ? 1 : 0) << 11;
        m |= (ulong)(((f.Suspensions12m >= 2)) ? 1 : 0) << 12;
        m |= (ulong)(((f.PersistentAbsence12m >= 2)) ? 1 : 0) << 13;
        m |= (ulong)(((f.MissingEpisodes12m >= 1)) ? 1 : 0) << 14;
        m |= (ulong)(((f.SubstanceTreatmentOpen)) ? 1 : 0) << 15;
        m |= (ulong)(((f.SubstanceTreatment24m && !f.SubstanceTreatmentOpen)) ? 1 : 0) << 16;
        m |= (ulong)(((f.SubstanceTreatment24m && f.DomesticAbuseIncidents12m >= 1 && f.MentalHealthContacts12m >= 1)) ? 1 : 0) << 17;
        var onPlan = f.OpenChildProtectionPlan || f.OpenChildInNeedPlan;
        m |= (ulong)(((onPlan && f.RiskScore >= 0.20)) ? 1 : 0) << 18;
        m |= (ulong)(((f.ChildAged10To17 && ((m >> 11 & 1) != 0 || (m >> 14 & 1) != 0 || (m >> 17 & 1) != 0) && f.RiskScore >= 0.10)) ? 1 : 0) << 19;
        m |= (ulong)(((f.HasMother && ((m >> 7 & 1) != 0 || (m >> 8 & 1) != 0 || (m >> 4 & 1) != 0))) ? 1 : 0) << 20;
        m |= (ulong)((((m >> 5 & 1) != 0 && !f.OpenChildProtectionPlan)) ? 1 : 0) << 21;
        m |= (ulong)(((f.ChildAged10To17 && ((m >> 12 & 1) != 0 || (m >> 13 & 1) != 0))) ? 1 : 0) << 22;
        m |= (ulong)(((f.ChildrenAtHome > 0 && (f.OpenEarlyHelp || f.OpenChildInNeedPlan || f.Referrals12m >= 1) && !f.OpenChildProtectionPlan && f.RiskScore >= 0.05)) ? 1 : 0) << 23;
        m |= (ulong)((((m >> 2 & 1) != 0 && f.ChildrenAtHome > 0)) ? 1 : 0) << 24;
        m |= (ulong)((((m >> 3 & 1) != 0 && (onPlan || (m >> 0 & 1) != 0))) ? 1 : 0) << 25;
        m |= (ulong)(((((m >> 15 & 1) != 0 || (m >> 16 & 1) != 0) && (onPlan || f.RiskScore >= 0.05))) ? 1 : 0) << 26;
        return m;
    }
}
