using RiskFlags.Core.Tests.Support;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;
using static RiskFlags.Core.Tests.Support.Histories;

namespace RiskFlags.Core.Tests.Facts;

public sealed class FamilyFactsBuilderTests
{
    [Fact]
    public void Domestic_abuse_counts_incidents_of_the_last_12_months_by_role()
    {
        var index = new Histories().Family("F")
            .Person("M", "F", PersonRole.Mother, "1990-01-01")
            .Person("D", "F", PersonRole.Father, "1988-01-01")
            .Person("C", "F", PersonRole.Child, "2015-01-01")
            .Event("M", "2023-03-31", EventType.DomesticAbuseIncident, detail: EventDetail.Victim) // 12 months before: outside
            .Event("M", "2023-04-01", EventType.DomesticAbuseIncident, detail: EventDetail.Victim)
            .Event("D", "2023-04-01", EventType.DomesticAbuseIncident, detail: EventDetail.Perpetrator)
            .Event("C", "2023-04-01", EventType.DomesticAbuseIncident, detail: EventDetail.Witness)
            .Event("M", "2024-02-10", EventType.DomesticAbuseIncident, detail: EventDetail.Victim)
            .Event("M", "2024-04-01", EventType.DomesticAbuseIncident, detail: EventDetail.Victim) // after as_of
            .Build();

        var facts = FactsOf(index, "F", "2024-03-31");

        Assert.Equal(2, facts.DomesticAbuseIncidents12m);
        Assert.Equal(2, facts.DomesticAbuseVictim12m);
        Assert.Equal(2, facts.DomesticAbuseMotherVictim12m);
        Assert.Equal(1, facts.DomesticAbusePerpetrator12m);
        Assert.Equal(1, facts.DomesticAbuseChildrenPresent12m);
    }

    [Fact]
    public void Assessment_factors_give_the_date_of_the_latest_assessment_of_the_last_12_months_that_identified_them()
    {
        var index = new Histories().Family("F")
            .Person("C", "F", PersonRole.Child, "2015-01-01")
            .Event("C", "2023-03-31", EventType.AssessmentFactor, detail: EventDetail.FactorParentalAlcohol) // 12 months before: outside
            .Event("C", "2023-06-01", EventType.AssessmentFactor, detail: EventDetail.FactorDomesticAbuse)
            .Event("C", "2024-02-11", EventType.AssessmentFactor, detail: EventDetail.FactorDomesticAbuse)
            .Event("C", "2024-02-11", EventType.AssessmentFactor, detail: EventDetail.FactorParentalDrugs)
            .Event("C", "2024-02-11", EventType.AssessmentFactor, detail: EventDetail.Other)
            .Event("C", "2024-04-01", EventType.AssessmentFactor, detail: EventDetail.FactorParentalMentalHealth) // authorised after as_of
            .Build();

        var facts = FactsOf(index, "F", "2024-03-31");

        Assert.Equal("2024-02-11", facts.DomesticAbuseAtAssessment);
        Assert.Equal("2024-02-11", facts.ParentalDrugsAtAssessment);
        Assert.Null(facts.ParentalAlcoholAtAssessment);
        Assert.Null(facts.ParentalMentalHealthAtAssessment);
        // Evidence that is not a police record is not counted as an incident.
        Assert.Equal(0, facts.DomesticAbuseIncidents12m);
    }

    [Fact]
    public void Short_breaks_are_never_looked_after_never_a_removal_and_never_an_outcome()
    {
        var index = new Histories().Family("F")
            .Person("M", "F", PersonRole.Mother, "1990-01-01")
            .Person("OLD", "F", PersonRole.Child, "2012-01-01")
            .Person("C", "F", PersonRole.Child, "2016-01-01")
            .Event("OLD", "2023-01-05", EventType.CareEpisode, detail: EventDetail.ShortBreaks)
            .Event("C", "2024-02-01", EventType.CareEpisode, detail: EventDetail.ShortBreaks)
            .Event("C", "2024-06-01", EventType.CareEpisode, end: "2024-06-03", detail: EventDetail.ShortBreaks)
            .Build();

        var facts = FactsOf(index, "F", "2024-03-31");

        Assert.Equal((0, 2), (facts.ChildrenLookedAfter, facts.ChildrenAtHome));
        Assert.Equal(0, facts.MotherPriorRemovals);
        Assert.False(Cohort.Outcome(index.Find("F")!, new DateOnly(2024, 3, 31)));
    }

    [Fact]
    public void A_care_episode_whose_start_is_not_known_is_a_removal_but_never_at_birth_an_age_or_an_outcome()
    {
        var index = new Histories().Family("F")
            .Person("M", "F", PersonRole.Mother, "1995-01-01")
            .Person("A", "F", PersonRole.Child, "2019-03-30")
            .Person("B", "F", PersonRole.Child, "2020-01-01")
            .Event("A", "2019-04-01", EventType.CareEpisode, end: "2020-01-01", detail: EventDetail.CareOrder)
            .Event("A", "2019-04-01", EventType.CareStartUnknown)
            .Event("B", "2024-05-01", EventType.CareEpisode, detail: EventDetail.Section20)
            .Event("B", "2024-05-01", EventType.CareStartUnknown)
            .Build();

        var facts = FactsOf(index, "F", "2024-03-31");
        var known = FactsOf(new Histories().Family("F")
            .Person("M", "F", PersonRole.Mother, "1995-01-01")
            .Person("A", "F", PersonRole.Child, "2019-03-30")
            .Event("A", "2019-04-01", EventType.CareEpisode, end: "2020-01-01", detail: EventDetail.CareOrder)
            .Build(), "F", "2024-03-31");

        Assert.Equal((1, 0, (int?)null), (facts.MotherPriorRemovals, facts.MotherPriorRemovalsAtBirth, facts.MotherAgeAtFirstRemoval));
        Assert.Equal((1, 1, (int?)24), (known.MotherPriorRemovals, known.MotherPriorRemovalsAtBirth, known.MotherAgeAtFirstRemoval));
        // B's care "beginning" in the year after is only where the data begin: not an outcome.
        Assert.False(Cohort.Outcome(index.Find("F")!, new DateOnly(2024, 3, 31)));
    }

    [Fact]
    public void Substance_treatment_counts_for_24_months_and_is_open_until_its_end()
    {
        var history = new Histories().Family("F").Family("G")
            .Person("M", "F", PersonRole.Mother, "1990-01-01")
            .Person("N", "G", PersonRole.Mother, "1990-01-01")
            .Event("M", "2021-01-01", EventType.SubstanceTreatment, end: "2022-05-01", detail: EventDetail.Alcohol)
            .Event("N", "2021-01-01", EventType.SubstanceTreatment, end: "2024-06-01", detail: EventDetail.Drugs)
            .Build();

        var ended = FactsOf(history, "F", "2024-03-31");
        var open = FactsOf(history, "G", "2024-03-31");
        var longAgo = FactsOf(history, "F", "2024-05-02");

        Assert.Equal((true, false, true, false), (ended.SubstanceTreatment24m, ended.SubstanceTreatmentOpen, ended.SubstanceAlcohol24m, ended.SubstanceDrugs24m));
        Assert.Equal((true, true, false, true), (open.SubstanceTreatment24m, open.SubstanceTreatmentOpen, open.SubstanceAlcohol24m, open.SubstanceDrugs24m));
        Assert.False(longAgo.SubstanceTreatment24m);
    }

    [Fact]
    public void A_mothers_removals_in_another_family_count_as_her_prior_removals()
    {
        var index = new Histories()
            .Family("OLD").Family("NEW")
            .Person("M", "OLD", PersonRole.Mother, "2002-06-15", careExperienced: true)
            .Person("M", "NEW", PersonRole.Mother, "2002-06-15", careExperienced: true)
            .Person("A", "OLD", PersonRole.Child, "2019-05-01")
            .Person("B", "NEW", PersonRole.Child, "2023-09-01")
            .Event("A", "2019-05-04", EventType.CareEpisode, detail: EventDetail.InterimCareOrder)
            .Event("M", "2024-01-05", EventType.MaternityBooking)
            .Build();

        var facts = FactsOf(index, "NEW", "2024-03-31");

        Assert.Equal(1, facts.MotherPriorRemovals);
        Assert.Equal(1, facts.MotherPriorRemovalsAtBirth);
        Assert.Equal(16, facts.MotherAgeAtFirstBirth);
        Assert.Equal(16, facts.MotherAgeAtFirstRemoval);
        Assert.Equal(21, facts.MotherAge);
        Assert.True(facts.MotherCareExperienced);
        Assert.True(facts.OpenPregnancy);
        Assert.Equal(1, facts.ChildrenAtHome);
        Assert.Equal(6, facts.YoungestChildAgeMonths);
        Assert.Equal(0, facts.YoungestChildAge);
    }

    [Fact]
    public void Looked_after_children_are_counted_apart_from_children_at_home()
    {
        var index = new Histories().Family("F")
            .Person("M", "F", PersonRole.Mother, "1985-01-01")
            .Person("TEEN", "F", PersonRole.Child, "2010-01-01")
            .Person("BABY", "F", PersonRole.Child, "2023-12-01")
            .Person("ADULT", "F", PersonRole.Child, "2005-01-01")
            .Person("UNBORN", "F", PersonRole.Child, "2024-08-01")
            .Event("BABY", "2023-12-03", EventType.CareEpisode, end: "2024-06-01")
            .Event("TEEN", "2022-01-01", EventType.CareEpisode, end: "2023-01-01")
            .Build();

        var asOf = FactsOf(index, "F", "2024-03-31");
        var afterReturn = FactsOf(index, "F", "2024-06-01");

        Assert.Equal((2, 1, 1), (asOf.Children, asOf.ChildrenAtHome, asOf.ChildrenLookedAfter));
        Assert.Equal(14, asOf.YoungestChildAge);
        Assert.True(asOf.ChildAged10To17);
        Assert.Equal(1, asOf.SchoolAgeChildren);
        Assert.Equal((2, 2, 0), (afterReturn.Children, afterReturn.ChildrenAtHome, afterReturn.ChildrenLookedAfter));
        Assert.Equal(2, asOf.MotherPriorRemovals);
    }

    [Fact]
    public void Plans_are_open_until_they_end_and_the_latest_open_protection_plan_gives_the_category()
    {
        var index = new Histories().Family("F")
            .Person("M", "F", PersonRole.Mother, "1985-01-01")
            .Person("C", "F", PersonRole.Child, "2015-01-01")
            .Event("C", "2021-01-01", EventType.ChildProtectionPlan, end: "2021-09-01", detail: EventDetail.Physical)
            .Event("C", "2023-06-01", EventType.ChildProtectionPlan, detail: EventDetail.Neglect)
            .Event("C", "2022-01-01", EventType.ChildInNeedPlan, end: "2024-03-31")
            .Event("C", "2024-01-01", EventType.EarlyHelpEpisode, end: "2024-09-01")
            .Build();

        var facts = FactsOf(index, "F", "2024-03-31");

        Assert.True(facts.OpenChildProtectionPlan);
        Assert.Equal("neglect", facts.ChildProtectionCategory);
        Assert.Equal(1, facts.PreviousChildProtectionPlans);
        Assert.False(facts.OpenChildInNeedPlan); // ended on as_of
        Assert.True(facts.OpenEarlyHelp); // ends after as_of, so open as far as as_of knows
    }

    [Fact]
    public void School_police_health_housing_and_social_care_counts_use_the_last_12_months()
    {
        var h = new Histories().Family("F")
            .Person("M", "F", PersonRole.Mother, "1985-01-01")
            .Person("C", "F", PersonRole.Child, "2010-01-01");
        foreach (var type in new[] { EventType.Suspension, EventType.PermanentExclusion, EventType.PersistentAbsence, EventType.MissingEpisode, EventType.AeAttendance, EventType.Arrest, EventType.Contact, EventType.Referral })
        {
            h.Event("C", "2023-06-01", type).Event("C", "2022-06-01", type);
        }

        h.Event("M", "2023-07-01", EventType.HomelessnessApplication).Event("M", "2023-08-01", EventType.Eviction)
            .Event("M", "2023-09-01", EventType.MentalHealthContact).Event("M", "2023-09-02", EventType.MentalHealthContact);

        var f = FactsOf(h.Build(), "F", "2024-03-31");

        Assert.Equal((1, 1, 1, 1, 1, 1, 1, 1), (f.Suspensions12m, f.PermanentExclusions12m, f.PersistentAbsence12m, f.MissingEpisodes12m, f.AeAttendances12m, f.Arrests12m, f.Contacts12m, f.Referrals12m));
        Assert.Equal((1, 1, 2), (f.HomelessnessApplications12m, f.Evictions12m, f.MentalHealthContacts12m));
        Assert.Equal(new DateOnly(2024, 3, 31).DayNumber - new DateOnly(2023, 9, 2).DayNumber, f.DaysSinceLastEvent);
        Assert.Equal(5, f.DeprivationDecile);
    }

    [Fact]
    public void The_cohort_needs_a_recent_event_and_a_child_at_home_or_an_open_pregnancy()
    {
        // 2022-04-02 is 729 days before 2024-03-31 (inside the 730 days up to it), 2022-04-01 is 730;
        // 2023-06-26 is 279 days before (an open pregnancy), 2023-06-25 is 280.
        var index = new Histories()
            .Family("RECENT").Person("C1", "RECENT", PersonRole.Child, "2015-01-01").Event("C1", "2022-04-02", EventType.AeAttendance)
            .Family("STALE").Person("C2", "STALE", PersonRole.Child, "2015-01-01").Event("C2", "2022-04-01", EventType.AeAttendance)
            .Family("ALL_IN_CARE").Person("C3", "ALL_IN_CARE", PersonRole.Child, "2015-01-01").Event("C3", "2023-01-01", EventType.CareEpisode)
            .Family("EXPECTING").Person("M4", "EXPECTING", PersonRole.Mother, "2000-01-01").Event("M4", "2023-06-26", EventType.MaternityBooking)
            .Family("DELIVERED").Person("M5", "DELIVERED", PersonRole.Mother, "2000-01-01").Event("M5", "2023-06-24", EventType.MaternityBooking)
            .Build();

        var cohort = Cohort.Build(index, D("2024-03-31")).Select(m => m.Facts.FamilyId);

        Assert.Equal(["RECENT", "EXPECTING"], cohort);
    }

    [Fact]
    public void The_outcome_is_a_care_entry_within_365_days_of_a_child_not_looked_after_at_as_of()
    {
        var index = new Histories()
            .Family("DAY365").Person("A", "DAY365", PersonRole.Child, "2015-01-01").Event("A", "2025-03-31", EventType.CareEpisode)
            .Family("DAY366").Person("B", "DAY366", PersonRole.Child, "2015-01-01").Event("B", "2025-04-01", EventType.CareEpisode)
            .Family("NEWBORN").Person("C", "NEWBORN", PersonRole.Child, "2024-07-01").Event("C", "2024-07-02", EventType.CareEpisode)
            .Family("ALREADY").Person("D", "ALREADY", PersonRole.Child, "2015-01-01")
                .Event("D", "2023-01-01", EventType.CareEpisode).Event("D", "2024-06-01", EventType.CareEpisode)
            .Family("SAMEDAY").Person("E", "SAMEDAY", PersonRole.Child, "2015-01-01").Event("E", "2024-03-31", EventType.CareEpisode)
            .Build();
        var asOf = D("2024-03-31");

        var outcomes = index.Families.ToDictionary(f => f.Family.FamilyId, f => Cohort.Outcome(f, asOf));

        Assert.Equal(new Dictionary<string, bool>
        {
            ["DAY365"] = true, ["DAY366"] = false, ["NEWBORN"] = true, ["ALREADY"] = false, ["SAMEDAY"] = false,
        }, outcomes);
    }

    [Fact]
    public void Outcomes_are_labelled_only_when_the_data_reaches_365_days_past_as_of()
    {
        var index = new Histories().Family("F").Person("C", "F", PersonRole.Child, "2015-01-01")
            .Event("C", "2023-06-01", EventType.AeAttendance).Event("C", "2024-12-01", EventType.AeAttendance).Build();

        Assert.Null(Assert.Single(Cohort.Build(index, D("2024-03-31"))).Outcome);
        Assert.False(Assert.Single(Cohort.Build(index, D("2023-12-01"))).Outcome);
    }
}
