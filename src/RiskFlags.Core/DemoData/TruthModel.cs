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
    /// <summary>Calibrated so that about 2% of the cohort has a child enter care each year (calibration.csv).</summary>
    internal const double Intercept = -5.6;

    public static double Probability(FamilyFacts f) => 1.0 / (1.0 + Math.Exp(-Logit(f)));

    public static double Logit(FamilyFacts f)
    {
        var abuse = f.DomesticAbuseIncidents12m;
        var substance = f.SubstanceTreatment24m;
        var mentalHealth = f.MentalHealthContacts12m;
        var newBaby = f.OpenPregnancy || f.YoungestChildAgeMonths is < 12;
        var youngChild = newBaby || f.YoungestChildAge is < 5;
        var onPlan = f.OpenChildProtectionPlan || f.OpenChildInNeedPlan;
        var needs = (abuse > 0 ? 1 : 0) + (substance ? 1 : 0) + (mentalHealth > 0 ? 1 : 0)
            + (f.HomelessnessApplications12m + f.Evictions12m > 0 ? 1 : 0) + (f.MissingEpisodes12m + f.PermanentExclusions12m > 0 ? 1 : 0);

        var logit = Intercept
            // Domestic abuse: repeat incidents matter far more than one (001 2.3.1).
            + (abuse switch { 0 => 0, 1 => 0.2, 2 => 0.7, _ => 1.0 })
            + (f.DomesticAbuseChildrenPresent12m > 0 ? 0.25 : 0)
            + (f.SubstanceTreatmentOpen ? 0.9 : substance ? 0.4 : 0)
            + (mentalHealth >= 3 ? 0.6 : mentalHealth > 0 ? 0.25 : 0)
            // The toxic trio together, and several needs at once, weigh more than their parts.
            + (abuse > 0 && substance && mentalHealth > 0 ? 0.7 : 0)
            + (needs >= 3 ? 0.6 : 0)
            + (f.OpenChildProtectionPlan ? 1.3 : f.OpenChildInNeedPlan ? 0.6 : 0)
            + (f.OpenChildProtectionPlan && (abuse >= 2 || f.SubstanceTreatmentOpen) ? 0.8 : 0)
            + (f.PreviousChildProtectionPlans > 0 ? 0.35 : 0)
            + (f.Referrals12m switch { 0 => 0, 1 => 0.45, _ => 0.8 })
            + (f.Contacts12m >= 3 ? 0.3 : 0)
            // A new baby after a removal is when repeat proceedings happen (Pause, 001 2.4.2).
            + (f.MotherPriorRemovals > 0 ? 0.6 : 0)
            + (f.MotherPriorRemovals > 0 && newBaby ? 1.8 : 0)
            + (f.MotherAgeAtFirstRemoval is <= 17 ? 0.6 : 0)
            + (f.MotherCareExperienced == true ? 0.5 : 0)
            // Very young mothers of young children, and older mothers, carry more risk than those in between.
            + (f.MotherAge switch { < 20 when youngChild => 0.7, < 20 => 0.2, < 25 => 0.15, >= 40 => 0.25, _ => 0 })
            + (f.SubstanceTreatmentOpen && youngChild ? 0.6 : 0)
            + (f.HomelessnessApplications12m + f.Evictions12m > 0 ? (youngChild ? 1.2 : 0.7) : 0)
            // Adolescents: exclusion with going missing is the edge-of-care picture (004; 001 2.3.3).
            + (f.PermanentExclusions12m > 0 && f.ChildAged10To17 ? 0.6 : 0)
            + (f.PermanentExclusions12m > 0 && f.MissingEpisodes12m > 0 ? 0.8 : 0)
            + (f.MissingEpisodes12m switch { 0 => 0, 1 => 0.3, _ => 0.7 })
            + (f.Suspensions12m >= 2 ? 0.3 : 0)
            + (f.PersistentAbsence12m >= 2 ? 0.3 : 0)
            + (f.AeAttendances12m >= 2 ? 0.6 : f.AeAttendances12m == 1 ? 0.3 : 0)
            // The police at the home for anything, not only domestic abuse, was the commonest footprint (004).
            + (f.Arrests12m > 0 ? 0.75 : 0)
            + (f.OpenEarlyHelp && !onPlan && abuse == 0 ? -0.5 : 0)
            // The deprivation gradient is steepest in the most deprived areas (001 1.2.1).
            + (f.DeprivationDecile switch { 1 => 0.55, 2 => 0.4, 3 or 4 => 0.15, null => 0.1, _ => 0 });
        return logit;
    }
}
