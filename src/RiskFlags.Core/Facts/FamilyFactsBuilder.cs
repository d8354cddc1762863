using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

/// <summary>
/// Computes <see cref="FamilyFacts"/> for a family as of a date, per data-contract.md "Derived
/// meaning". Only events dated on or before the date are read, and an episode's end counts only
/// when it falls on or before the date, so nothing recorded later can change a fact.
/// </summary>
public static class FamilyFactsBuilder
{
    public static FamilyFacts Build(FamilyHistory history, DateOnly asOf)
    {
        var from12m = asOf.AddMonths(-12);
        var from24m = asOf.AddMonths(-24);
        var pregnancyFrom = asOf.AddDays(-PregnancyDays);

        int children = 0, atHome = 0, lookedAfter = 0, schoolAge = 0;
        int? youngestMonths = null;
        var aged10To17 = false;
        var pregnant = false;
        DateOnly? lastEvent = null;
        HashSet<DateOnly>? daDays = null, daVictim = null, daMotherVictim = null, daPerpetrator = null, daChildPresent = null;
        bool substance24m = false, substanceOpen = false, alcohol = false, drugs = false;
        int mentalHealth = 0, suspensions = 0, exclusions = 0, absence = 0, missing = 0, ae = 0, arrests = 0;
        int homelessness = 0, evictions = 0, contacts = 0, referrals = 0, previousCp = 0;
        bool openCin = false, openCp = false, openEarlyHelp = false;
        DateOnly openCpSince = DateOnly.MinValue;
        string? cpCategory = null;
        DateOnly? daAssessed = null, alcoholAssessed = null, drugsAssessed = null, mentalHealthAssessed = null;

        foreach (var member in history.Members)
        {
            var person = member.Person;
            var isChild = person.Role is PersonRole.Child;
            var isMother = ReferenceEquals(member, history.Mother);
            if (isChild && person.BirthDate is { } birth && birth <= asOf)
            {
                var age = Years(birth, asOf);
                if (age < 18)
                {
                    children++;
                    if (IsLookedAfter(member, asOf))
                    {
                        lookedAfter++;
                    }
                    else
                    {
                        atHome++;
                        var months = Months(birth, asOf);
                        youngestMonths = youngestMonths is null ? months : Math.Min(youngestMonths.Value, months);
                        aged10To17 |= age >= 10;
                        schoolAge += age is >= 5 and <= 16 ? 1 : 0;
                    }
                }
            }

            foreach (var e in member.Events)
            {
                if (e.Date > asOf)
                {
                    break;
                }

                lastEvent = lastEvent is null || e.Date > lastEvent ? e.Date : lastEvent;
                var in12m = e.Date > from12m;
                switch (e.Type)
                {
                    case EventType.DomesticAbuseIncident when in12m:
                        Mark(ref daDays, e.Date);
                        if (e.Detail is EventDetail.Victim)
                        {
                            Mark(ref daVictim, e.Date);
                            if (isMother)
                            {
                                Mark(ref daMotherVictim, e.Date);
                            }
                        }
                        else if (e.Detail is EventDetail.Perpetrator)
                        {
                            Mark(ref daPerpetrator, e.Date);
                        }

                        if (isChild || e.Detail is EventDetail.Witness)
                        {
                            Mark(ref daChildPresent, e.Date);
                        }

                        break;
                    case EventType.SubstanceTreatment when !isChild && (e.EndDate is null || e.EndDate > from24m):
                        substance24m = true;
                        substanceOpen |= e.IsOpenAt(asOf);
                        alcohol |= e.Detail is EventDetail.Alcohol or EventDetail.AlcoholAndDrugs;
                        drugs |= e.Detail is EventDetail.Drugs or EventDetail.AlcoholAndDrugs;
                        break;
                    case EventType.MentalHealthContact when in12m && !isChild:
                        mentalHealth++;
                        break;
                    case EventType.MaternityBooking when e.Date > pregnancyFrom:
                        pregnant = true;
                        break;
                    case EventType.Suspension when in12m && isChild:
                        suspensions++;
                        break;
                    case EventType.PermanentExclusion when in12m && isChild:
                        exclusions++;
                        break;
                    case EventType.PersistentAbsence when in12m && isChild:
                        absence++;
                        break;
                    case EventType.MissingEpisode or EventType.MissingFromCare when in12m && isChild:
                        missing++;
                        break;
                    case EventType.AeAttendance when in12m:
                        ae++;
                        break;
                    case EventType.Arrest when in12m:
                        arrests++;
                        break;
                    case EventType.HomelessnessApplication when in12m:
                        homelessness++;
                        break;
                    case EventType.Eviction when in12m:
                        evictions++;
                        break;
                    case EventType.Contact when in12m:
                        contacts++;
                        break;
                    case EventType.Referral when in12m:
                        referrals++;
                        break;
                    case EventType.ChildInNeedPlan:
                        openCin |= e.IsOpenAt(asOf);
                        break;
                    case EventType.ChildProtectionPlan:
                        if (e.IsOpenAt(asOf))
                        {
                            openCp = true;
                            if (e.Date >= openCpSince)
                            {
                                openCpSince = e.Date;
                                cpCategory = e.Detail is EventDetail.None ? null : e.Detail.ToString().ToLowerInvariant();
                            }
                        }
                        else
                        {
                            previousCp++;
                        }

                        break;
                    case EventType.EarlyHelpEpisode:
                        openEarlyHelp |= e.IsOpenAt(asOf);
                        break;
                    case EventType.AssessmentFactor when in12m:
                        switch (e.Detail)
                        {
                            case EventDetail.FactorDomesticAbuse:
                                Latest(ref daAssessed, e.Date);
                                break;
                            case EventDetail.FactorParentalAlcohol:
                                Latest(ref alcoholAssessed, e.Date);
                                break;
                            case EventDetail.FactorParentalDrugs:
                                Latest(ref drugsAssessed, e.Date);
                                break;
                            case EventDetail.FactorParentalMentalHealth:
                                Latest(ref mentalHealthAssessed, e.Date);
                                break;
                        }

                        break;
                }
            }
        }

        var mother = MotherFacts.Of(history, asOf);
        return new FamilyFacts
        {
            FamilyId = history.Family.FamilyId,
            AsOf = asOf,
            LocalArea = history.Family.LocalArea,
            DeprivationDecile = history.Family.DeprivationDecile,
            Children = children,
            ChildrenAtHome = atHome,
            ChildrenLookedAfter = lookedAfter,
            YoungestChildAge = youngestMonths / 12,
            YoungestChildAgeMonths = youngestMonths,
            SchoolAgeChildren = schoolAge,
            ChildAged10To17 = aged10To17,
            OpenPregnancy = pregnant,
            DaysSinceLastEvent = lastEvent is { } last ? asOf.DayNumber - last.DayNumber : null,
            DomesticAbuseIncidents12m = daDays?.Count ?? 0,
            DomesticAbuseVictim12m = daVictim?.Count ?? 0,
            DomesticAbuseMotherVictim12m = daMotherVictim?.Count ?? 0,
            DomesticAbusePerpetrator12m = daPerpetrator?.Count ?? 0,
            DomesticAbuseChildrenPresent12m = daChildPresent?.Count ?? 0,
            SubstanceTreatment24m = substance24m,
            SubstanceTreatmentOpen = substanceOpen,
            SubstanceAlcohol24m = alcohol,
            SubstanceDrugs24m = drugs,
            MentalHealthContacts12m = mentalHealth,
            DomesticAbuseAtAssessment = IsoOrNull(daAssessed),
            ParentalAlcoholAtAssessment = IsoOrNull(alcoholAssessed),
            ParentalDrugsAtAssessment = IsoOrNull(drugsAssessed),
            ParentalMentalHealthAtAssessment = IsoOrNull(mentalHealthAssessed),
            HasMother = history.Mother is not null,
            MotherAge = mother.Age,
            MotherAgeAtFirstBirth = mother.AgeAtFirstBirth,
            MotherAgeAtFirstRemoval = mother.AgeAtFirstRemoval,
            MotherPriorRemovals = mother.Removals,
            MotherPriorRemovalsAtBirth = mother.RemovalsAtBirth,
            MotherCareExperienced = history.Mother?.Person.CareExperienced,
            Suspensions12m = suspensions,
            PermanentExclusions12m = exclusions,
            PersistentAbsence12m = absence,
            MissingEpisodes12m = missing,
            AeAttendances12m = ae,
            Arrests12m = arrests,
            HomelessnessApplications12m = homelessness,
            Evictions12m = evictions,
            Contacts12m = contacts,
            Referrals12m = referrals,
            OpenChildInNeedPlan = openCin,
            OpenChildProtectionPlan = openCp,
            ChildProtectionCategory = cpCategory,
            PreviousChildProtectionPlans = previousCp,
            OpenEarlyHelp = openEarlyHelp,
        };
    }

    private static void Latest(ref DateOnly? latest, DateOnly date) => latest = latest is null || date > latest ? date : latest;

    private static string? IsoOrNull(DateOnly? date) => date is { } d ? ContractFields.Iso(d) : null;

    /// <summary>A maternity booking within this many days before a date means an open pregnancy (data-contract.md).</summary>
    public const int PregnancyDays = 280;

    /// <summary>A removal within this many days of the child's birth is a removal at birth.</summary>
    public const int AtBirthDays = 7;

    /// <summary>A care episode that is a removal: every one but short breaks (respite), which are never looked after, a removal or an outcome.</summary>
    public static bool IsCare(PersonEvent e) => e.Type is EventType.CareEpisode && e.Detail is not EventDetail.ShortBreaks;

    /// <summary>
    /// Whether a care episode of this child truly began on its date: false when a care_start_unknown on the
    /// same day says the data begin part-way through it (a return's first year), so nothing may rest on that date.
    /// </summary>
    public static bool StartKnown(Member child, PersonEvent care)
    {
        foreach (var e in child.Events)
        {
            if (e.Date > care.Date)
            {
                return true;
            }

            if (e.Type is EventType.CareStartUnknown && e.Date == care.Date)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsLookedAfter(Member child, DateOnly asOf)
    {
        foreach (var e in child.Events)
        {
            if (e.Date > asOf)
            {
                break;
            }

            if (IsCare(e) && e.IsOpenAt(asOf))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whole years from <paramref name="birth"/> to <paramref name="on"/>.</summary>
    public static int Years(DateOnly birth, DateOnly on)
    {
        var years = on.Year - birth.Year;
        return on < birth.AddYears(years) ? years - 1 : years;
    }

    /// <summary>Whole months from <paramref name="birth"/> to <paramref name="on"/>.</summary>
    public static int Months(DateOnly birth, DateOnly on)
    {
        var months = ((on.Year - birth.Year) * 12) + on.Month - birth.Month;
        return on < birth.AddMonths(months) ? months - 1 : months;
    }

    private static void Mark(ref HashSet<DateOnly>? days, DateOnly date) => (days ??= []).Add(date);

    /// <summary>The mother's history across every family she heads.</summary>
    private readonly record struct MotherFacts(int? Age, int? AgeAtFirstBirth, int? AgeAtFirstRemoval, int Removals, int RemovalsAtBirth)
    {
        public static MotherFacts Of(FamilyHistory history, DateOnly asOf)
        {
            if (history.Mother is not { } mother)
            {
                return default;
            }

            DateOnly? firstBirth = null, firstRemoval = null;
            var firstRemovalKnown = true;
            int removals = 0, atBirth = 0;
            foreach (var child in history.Children.Concat(history.MothersOtherChildren))
            {
                if (child.Person.BirthDate is not { } birth || birth > asOf)
                {
                    continue;
                }

                firstBirth = firstBirth is null || birth < firstBirth ? birth : firstBirth;
                foreach (var e in child.Events)
                {
                    if (e.Date > asOf)
                    {
                        break;
                    }

                    if (IsCare(e))
                    {
                        // A removal whose start the data do not hold is still a removal, but never "at birth" nor an age.
                        var known = StartKnown(child, e);
                        removals++;
                        atBirth += known && e.Date.DayNumber - birth.DayNumber <= AtBirthDays ? 1 : 0;
                        if (firstRemoval is null || e.Date < firstRemoval)
                        {
                            (firstRemoval, firstRemovalKnown) = (e.Date, known);
                        }
                    }
                }
            }

            if (mother.Person.BirthDate is not { } motherBirth || motherBirth > asOf)
            {
                return new MotherFacts(null, null, null, removals, atBirth);
            }

            return new MotherFacts(
                Years(motherBirth, asOf),
                firstBirth is { } fb ? Years(motherBirth, fb) : null,
                firstRemoval is { } fr && firstRemovalKnown ? Years(motherBirth, fr) : null,
                removals,
                atBirth);
        }
    }
}
