using RiskFlags.Core.Facts;

namespace RiskFlags.Core.DemoData;

/// <summary>
/// The demo data's known probability that a cohort family has a child enter care within 365 days,
/// as a function of what its records show at 31 March. The generator draws every outcome from it,
/// so it is the best any model can do on demo data (the oracle in evaluation).
/// Effects follow the seeds: domestic abuse, parental substance misuse and mental ill health (the
/// "toxic trio", 001 section 2.4), prior removals with a new baby (Pause, 001 2.4.2), young and
/// care-experienced mothers, exclusion of adolescents (004), and the deprivation gradient (001 1.2.1).
/// Interactions and caps are deliberate: a linear model cannot represent them exactly.
/// </summary>
public static class TruthModel
{
    /// <summary>Calibrated so that about 6% of the cohort has a child enter care each year.</summary>
    internal const double Intercept = -4.3;

    public static double Probability(FamilyFacts f) => 1.0 / (1.0 + Math.Exp(-Logit(f)));

    public static double Logit(FamilyFacts f)
    {
        var newBaby = f.OpenPregnancy || f.YoungestChildAgeMonths is < 12;
        var logit = Intercept
            + (0.38 * Math.Min(f.DomesticAbuseIncidents12m, 4))
            + (f.DomesticAbuseChildrenPresent12m > 0 ? 0.35 : 0)
            + (f.SubstanceTreatmentOpen ? 1.1 : f.SubstanceTreatment24m ? 0.5 : 0)
            + (0.22 * Math.Min(f.MentalHealthContacts12m, 5))
            + (f.OpenChildProtectionPlan ? 1.5 : f.OpenChildInNeedPlan ? 0.75 : 0)
            + (f.PreviousChildProtectionPlans > 0 ? 0.35 : 0)
            + (0.35 * Math.Min(f.Referrals12m, 3))
            + (0.08 * Math.Min(f.Contacts12m, 6))
            + (f.MotherPriorRemovals > 0 ? 0.8 : 0)
            + (f.MotherPriorRemovals > 0 && newBaby ? 1.5 : 0)
            + (f.MotherAgeAtFirstRemoval is <= 17 ? 0.6 : 0)
            + (f.MotherCareExperienced == true ? 0.55 : 0)
            + (f.MotherAge is < 20 && f.YoungestChildAgeMonths is < 24 ? 0.45 : 0)
            + (f.PermanentExclusions12m > 0 && f.ChildAged10To17 ? 0.7 : 0)
            + (0.15 * Math.Min(f.Suspensions12m, 4))
            + (f.PersistentAbsence12m >= 2 ? 0.3 : 0)
            + (0.4 * Math.Min(f.MissingEpisodes12m, 3))
            + (0.12 * Math.Min(f.AeAttendances12m, 4))
            + (f.HomelessnessApplications12m + f.Evictions12m > 0 ? 0.5 : 0)
            + (f.DomesticAbuseIncidents12m >= 2 && f.SubstanceTreatment24m ? 0.6 : 0)
            + (f.DomesticAbuseIncidents12m > 0 && f.MentalHealthContacts12m > 0 && f.SubstanceTreatment24m ? 0.4 : 0)
            + (f.OpenEarlyHelp && !f.OpenChildProtectionPlan ? -0.4 : 0)
            + (f.DeprivationDecile is { } decile ? 0.09 * (5.5 - decile) : 0);
        return logit;
    }
}
