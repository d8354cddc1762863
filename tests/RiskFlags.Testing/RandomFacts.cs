using RiskFlags.Core.Facts;

namespace RiskFlags.Testing;

/// <summary>
/// Random FamilyFacts for property tests and benchmarks. Values cluster around the rules'
/// thresholds (0-3 incidents, ages 15-22, risks 0-0.4) so that every rule fires and misses often.
/// </summary>
public static class RandomFacts
{
    public static FamilyFacts Next(Random random, int index)
    {
        int Small(int max) => random.Next(max + 1);
        bool Coin(double p = 0.5) => random.NextDouble() < p;
        int? Maybe(int min, int max) => Coin(0.8) ? random.Next(min, max + 1) : null;
        var children = Small(4);
        return new FamilyFacts
        {
            FamilyId = $"R{index}",
            AsOf = new DateOnly(2024, 3, 31),
            DeprivationDecile = Maybe(1, 10),
            Children = children,
            ChildrenAtHome = Math.Max(0, children - Small(1)),
            ChildrenLookedAfter = Small(1),
            YoungestChildAge = Maybe(0, 17),
            YoungestChildAgeMonths = Maybe(0, 30),
            SchoolAgeChildren = Small(3),
            ChildAged10To17 = Coin(),
            OpenPregnancy = Coin(0.2),
            DaysSinceLastEvent = Maybe(0, 800),
            DomesticAbuseIncidents12m = Small(3),
            DomesticAbuseVictim12m = Small(2),
            DomesticAbuseMotherVictim12m = Small(2),
            DomesticAbusePerpetrator12m = Small(2),
            DomesticAbuseChildrenPresent12m = Small(2),
            SubstanceTreatment24m = Coin(0.3),
            SubstanceTreatmentOpen = Coin(0.2),
            SubstanceAlcohol24m = Coin(0.2),
            SubstanceDrugs24m = Coin(0.2),
            MentalHealthContacts12m = Small(3),
            DomesticAbuseAtAssessment = Coin(0.15) ? "2024-02-11" : null,
            ParentalAlcoholAtAssessment = Coin(0.1) ? "2023-11-30" : null,
            ParentalDrugsAtAssessment = Coin(0.1) ? "2024-01-05" : null,
            ParentalMentalHealthAtAssessment = Coin(0.1) ? "2023-10-01" : null,
            HasMother = Coin(0.9),
            MotherAge = Maybe(15, 45),
            MotherAgeAtFirstBirth = Maybe(15, 30),
            MotherAgeAtFirstRemoval = Coin(0.3) ? random.Next(15, 22) : null,
            MotherPriorRemovals = Small(3),
            MotherPriorRemovalsAtBirth = Small(1),
            MotherCareExperienced = random.Next(3) switch { 0 => null, 1 => true, _ => false },
            Suspensions12m = Small(3),
            PermanentExclusions12m = Small(1),
            PersistentAbsence12m = Small(3),
            MissingEpisodes12m = Small(2),
            AeAttendances12m = Small(3),
            Arrests12m = Small(1),
            HomelessnessApplications12m = Small(1),
            Evictions12m = Small(1),
            Contacts12m = Small(4),
            Referrals12m = Small(2),
            OpenChildInNeedPlan = Coin(0.2),
            OpenChildProtectionPlan = Coin(0.15),
            ChildProtectionCategory = Coin(0.1) ? "neglect" : null,
            PreviousChildProtectionPlans = Small(1),
            OpenEarlyHelp = Coin(0.2),
            RiskScore = Math.Round(random.NextDouble() * 0.4, 3),
        };
    }
}
