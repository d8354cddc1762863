using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.DemoData;

/// <summary>
/// Simulates one family from April 2018 to March 2025. A latent level of need, and whether domestic
/// abuse, substance misuse and mental ill health are active, drive what agencies record. Each
/// 31 March the family's recorded facts give its known probability (<see cref="TruthModel"/>) and
/// the outcome is drawn from it; a positive outcome becomes the only care entry of the following
/// 365 days. So an outcome depends on nothing but the records up to its 31 March.
/// </summary>
internal sealed class FamilySimulation
{
    private static readonly DateOnly Start = DemoDataOptions.HistoryStart;
    private static readonly DateOnly End = DemoDataOptions.HistoryEnd;

    private static readonly (string Code, double Weight)[] Ethnicities =
    [
        ("WBRI", 68), ("WOTH", 6), ("WIRT", 1), ("MWBC", 3), ("MWBA", 2), ("MOTH", 2), ("AIND", 3), ("APKN", 2),
        ("ABAN", 1), ("BAFR", 8), ("BCRB", 1), ("CHNE", 1), ("OOTH", 2),
    ];

    /// <summary>
    /// Most of an authority's families have few or no records: this shifts every family's need down so
    /// that about a third of them have a record in any two years (the cohort), as in a real area.
    /// </summary>
    private const double NeedOffset = 1.2;

    private readonly SeededRandom rng;

    // Assessments draw from a stream of their own, so adding them left every other record as it was.
    private readonly SeededRandom assessments;
    private readonly double abuseFactor;
    private readonly string familyId;
    private readonly int? decile;
    private readonly string area;
    private readonly string? ethnicity;
    private const int AssessmentStream = 0x41535345;

    private readonly List<SimPerson> people = [];
    private readonly List<TruthRow> truth = [];
    private readonly double needMean;
    private readonly double abuseProneness, substanceProneness, mentalHealthProneness;
    private readonly string substanceKind;
    private double need;
    private bool abuse, substance, mentalHealth;
    private DateOnly cinUntil = DateOnly.MinValue, cpUntil = DateOnly.MinValue, earlyHelpUntil = DateOnly.MinValue, treatmentUntil = DateOnly.MinValue;
    private DateOnly lastBooking = DateOnly.MinValue;
    private int unrealisable;

    // Families move into the area over the years: their records start in the year they arrive.
    private readonly int arrivalYear;
    private bool expectingFirstChild;

    private FamilySimulation(int index, DemoDataOptions options, IReadOnlyList<string>[] areasByDecile)
    {
        rng = SeededRandom.For(options.Seed, index);
        assessments = SeededRandom.For(options.Seed ^ AssessmentStream, index);
        abuseFactor = options.DomesticAbuseFactor;
        familyId = $"F{index + 1:D6}";
        var d = SampleDecile();
        decile = rng.Chance(0.02) ? null : d;
        area = areasByDecile[d - 1][rng.Between(0, areasByDecile[d - 1].Count - 1)];
        needMean = (0.16 * (5.5 - d)) - NeedOffset;
        need = needMean + rng.Normal();
        abuseProneness = 0.8 * rng.Normal();
        substanceProneness = 0.8 * rng.Normal();
        mentalHealthProneness = 0.8 * rng.Normal();
        substanceKind = rng.Pick<string>([("alcohol", 30), ("drugs", 45), ("both", 25)]);
        ethnicity = rng.Pick(Ethnicities);
        arrivalYear = rng.Chance(0.7) ? Start.Year : rng.Between(Start.Year + 1, End.Year - 2);
        CreateHousehold();
    }

    private SimPerson? Mother => people.FirstOrDefault(p => p.Role is PersonRole.Mother);

    private SimPerson? Father => people.FirstOrDefault(p => p.Role is PersonRole.Father);

    public static GeneratedFamily Run(int index, DemoDataOptions options, IReadOnlyList<string>[] areasByDecile)
    {
        var sim = new FamilySimulation(index, options, areasByDecile);
        for (var year = Start.Year; year < End.Year; year++)
        {
            var asOf = new DateOnly(year, 3, 31);
            var until = new DateOnly(year + 1, 3, 31);
            sim.AdvanceNeed();
            if (year < sim.arrivalYear)
            {
                continue;
            }

            sim.DrawOutcome(asOf);
            sim.RecordYear(asOf, until);
        }

        return sim.Result();
    }

    // The household when it arrives -----------------------------------------------------------

    private void CreateHousehold()
    {
        // Ages are sampled as at arrival: a family that moves in later brings its own young mothers
        // and babies, or by the end of the history no mother would be under 20.
        var before = new DateOnly(arrivalYear, Start.Month, Start.Day).AddDays(-1);
        var childAges = new List<double>();
        var motherAgeAtFirstBirth = SampleAgeAtFirstBirth();
        double motherAge;
        if (rng.Chance(0.05))
        {
            // A first pregnancy: no children yet.
            motherAge = motherAgeAtFirstBirth - 0.5;
        }
        else
        {
            var first = rng.Uniform() * 17.5;
            var wanted = rng.Pick<int>([(1, 38), (2, 35), (3, 17), (4, 7), (5, 3)]);
            for (var age = first; childAges.Count < wanted && age >= 0; age -= 1.3 + (rng.Uniform() * 4))
            {
                childAges.Add(age);
            }

            motherAge = motherAgeAtFirstBirth + first;
        }

        if (rng.Chance(0.94))
        {
            var careExperienced = rng.Chance(0.25) ? (bool?)null : rng.Chance(SeededRandom.Sigmoid(-3.1 + (0.7 * need)));
            Add(PersonRole.Mother, before.AddDays(-(int)(motherAge * 365.25)), Sex.Female, careExperienced);
            expectingFirstChild = childAges.Count == 0;
        }

        if (rng.Chance(Math.Clamp(0.62 - (0.08 * need), 0.3, 0.8)))
        {
            var fatherAge = motherAge + rng.Between(-2, 8);
            Add(PersonRole.Father, before.AddDays(-(int)(fatherAge * 365.25)), Sex.Male, rng.Chance(0.7) ? null : rng.Chance(0.04));
        }

        if (rng.Chance(0.04) || Mother is null)
        {
            Add(PersonRole.Carer, rng.Chance(0.1) ? null : before.AddDays(-rng.Between(40 * 365, 70 * 365)), rng.Chance(0.7) ? Sex.Female : Sex.Male, null);
        }

        foreach (var age in childAges)
        {
            Add(PersonRole.Child, before.AddDays(-(int)(age * 365.25)), RandomSex(), null);
        }
    }

    private SimPerson Add(PersonRole role, DateOnly? birth, Sex sex, bool? careExperienced)
    {
        var person = new SimPerson($"P{familyId[1..]}-{people.Count + 1:D2}", role, birth, sex,
            rng.Chance(0.05) ? null : ethnicity, careExperienced);
        people.Add(person);
        return person;
    }

    private Sex RandomSex() => rng.Chance(0.01) ? Sex.Unknown : rng.Chance(0.5) ? Sex.Female : Sex.Male;

    private int SampleDecile()
    {
        // A Thurrock-like area leans towards the more deprived deciles; the gradient in need does the rest (001 1.2.1).
        double[] weights = [13, 12, 11, 11, 10, 10, 9, 9, 8, 7];
        return rng.Pick(weights) + 1;
    }

    private double SampleAgeAtFirstBirth()
    {
        var teen = SeededRandom.Sigmoid(-2.1 + (0.5 * need));
        if (rng.Chance(teen))
        {
            return 15.5 + (rng.Uniform() * 4);
        }

        return rng.Pick<double>([(20, 28), (25, 50), (35, 12)]) + (rng.Uniform() * 5);
    }

    // Each 31 March: the outcome for the year ahead --------------------------------------------

    private void DrawOutcome(DateOnly asOf)
    {
        double probability;
        if (asOf < Start)
        {
            // Before the history starts there are no records: removals in the first year seed prior removals.
            probability = SeededRandom.Sigmoid(-4.4 + need);
        }
        else
        {
            var facts = FamilyFactsBuilder.Build(Snapshot(), asOf);
            if (!Cohort.Includes(facts))
            {
                return;
            }

            probability = TruthModel.Probability(facts);
        }

        var drawn = rng.Chance(probability);
        var outcome = drawn && Remove(asOf);
        if (asOf >= Start)
        {
            // A cohort family always has a child at home or a baby due, so a drawn outcome can be
            // recorded unless its only child turns 18 the next day; counted to show how rare that is.
            unrealisable += drawn && !outcome ? 1 : 0;
            truth.Add(new TruthRow(familyId, asOf, probability, outcome));
        }
    }

    /// <summary>Records a child's entry to care in the 365 days after as_of: a child at home or a baby due in that time.</summary>
    private bool Remove(DateOnly asOf)
    {
        var last = asOf.AddDays(Cohort.OutcomeDays);
        var candidates = new List<(SimPerson Child, DateOnly Earliest, DateOnly Latest)>();
        var weights = new List<double>();
        foreach (var child in people.Where(p => p.Role is PersonRole.Child && p.Birth is not null))
        {
            var birth = child.Birth!.Value;
            var eighteen = birth.AddYears(18).AddDays(-1);
            if (birth > asOf && birth.AddDays(FamilyFactsBuilder.AtBirthDays - 2) <= last)
            {
                candidates.Add((child, birth, birth.AddDays(FamilyFactsBuilder.AtBirthDays - 2)));
                weights.Add(4);
            }
            else if (birth <= asOf && !child.InCareAt(asOf) && eighteen > asOf)
            {
                var age = FamilyFactsBuilder.Years(birth, asOf);
                candidates.Add((child, asOf.AddDays(1), eighteen < last ? eighteen : last));
                weights.Add(age < 1 ? 3 : age < 5 ? 1.5 : age >= 11 ? 1.3 : 1);
            }
        }

        if (candidates.Count == 0)
        {
            return false;
        }

        var (removed, earliest, latest) = candidates[rng.Pick(weights)];
        var start = earliest.AddDays(rng.Between(0, latest.DayNumber - earliest.DayNumber));
        RecordCareEpisode(removed, start);
        need += 0.15;
        return true;
    }

    private void RecordCareEpisode(SimPerson child, DateOnly start)
    {
        var birth = child.Birth!.Value;
        var age = FamilyFactsBuilder.Years(birth, start);
        var status = start.DayNumber - birth.DayNumber <= FamilyFactsBuilder.AtBirthDays
            ? rng.Pick<string>([("interim_care_order", 50), ("police_protection", 15), ("s20", 25), ("care_order", 10)])
            : age >= 13
                ? rng.Pick<string>([("s20", 45), ("police_protection", 15), ("interim_care_order", 25), ("remand", 10), ("care_order", 5)])
                : rng.Pick<string>([("interim_care_order", 40), ("s20", 30), ("police_protection", 15), ("care_order", 15)]);

        var turns18 = birth.AddYears(18);
        var (endReason, end) = rng.Uniform() switch
        {
            < 0.42 => ("returned_home", start.AddDays(rng.Between(60, 540))),
            < 0.64 when age < 5 => ("adopted", start.AddDays(rng.Between(365, 900))),
            < 0.74 => ("sgo", start.AddDays(rng.Between(270, 700))),
            _ => ("turned_18", turns18),
        };
        if (end > turns18)
        {
            (endReason, end) = ("turned_18", turns18);
        }

        var ended = end <= End;
        var detail = ended ? $"{(endReason == "adopted" ? "placement_order" : status)}/{endReason}" : status;
        Vocabulary.TryParseDetail(EventType.CareEpisode, detail, out var code, out _, out _);
        child.Events.Add(new GeneratedEvent(child.Id, start, EventType.CareEpisode, ended ? end : null, detail, code));
        child.InCareUntil = end;
        child.InCareFrom = start;
    }

    // Between one 31 March and the next ---------------------------------------------------------

    private void AdvanceNeed()
    {
        need = (0.78 * need) + (0.22 * needMean) + (0.6 * rng.Normal());
        abuse = rng.Chance(Math.Min(1, abuseFactor * SeededRandom.Sigmoid(-2.9 + (0.9 * need) + abuseProneness + (abuse ? 1.8 : 0))));
        substance = rng.Chance(SeededRandom.Sigmoid(-3.6 + (1.1 * need) + substanceProneness + (substance ? 2.2 : 0)));
        mentalHealth = rng.Chance(SeededRandom.Sigmoid(-3.2 + (0.9 * need) + mentalHealthProneness + (mentalHealth ? 1.8 : 0)));
    }

    private void RecordYear(DateOnly asOf, DateOnly until)
    {
        var days = until.DayNumber - asOf.DayNumber;
        DateOnly Day() => asOf.AddDays(rng.Between(1, days));
        var mother = Mother;
        var father = Father;
        if (expectingFirstChild && mother is not null)
        {
            expectingFirstChild = false;
            Book(asOf.AddDays(rng.Between(1, 120)));
        }

        var adults = people.Where(p => p.Role is not PersonRole.Child).ToList();
        var carer = people.FirstOrDefault(p => p.Role is PersonRole.Carer);

        RecordDomesticAbuse(Day, mother ?? carer, father);

        if (substance && treatmentUntil < asOf && (mother ?? father) is { } user)
        {
            var parent = father is not null && (mother is null || rng.Chance(0.45)) ? father : user;
            var start = Day();
            treatmentUntil = start.AddDays(rng.Between(60, 420));
            Record(parent, start, EventType.SubstanceTreatment, Ended(treatmentUntil), rng.Chance(0.1) ? null : substanceKind);
        }

        if (mentalHealth && (mother ?? father ?? carer) is { } patient)
        {
            var who = father is not null && rng.Chance(0.25) ? father : patient;
            for (var i = 1 + rng.Poisson(1.8); i > 0; i--)
            {
                Record(who, Day(), EventType.MentalHealthContact);
            }
        }

        if (rng.Chance(SeededRandom.Sigmoid(-2.5 + (1.7 * need))) && adults.Count > 0)
        {
            var tenant = adults[0];
            Record(tenant, Day(), EventType.HomelessnessApplication);
            if (rng.Chance(0.35))
            {
                Record(tenant, Day(), EventType.Eviction);
            }
        }

        foreach (var adult in adults)
        {
            for (var i = rng.Poisson((0.01 * Math.Exp(1.3 * need)) + (abuse ? 0.2 : 0)); i > 0; i--)
            {
                Record(adult, Day(), EventType.AeAttendance);
            }

            if (adult.Role is PersonRole.Father || (adult.Role is PersonRole.Mother && rng.Chance(0.3)))
            {
                for (var i = rng.Poisson((0.05 * Math.Exp(1.5 * need)) + (abuse ? 0.3 : 0)); i > 0; i--)
                {
                    Record(adult, Day(), EventType.Arrest, detail: rng.Chance(0.5) ? "violence" : null);
                }
            }
        }

        RecordChildren(asOf, until, Day);
        RecordSocialCare(asOf, until, Day);
        RecordPregnancy(asOf, until, Day, mother);
    }

    private void RecordDomesticAbuse(Func<DateOnly> day, SimPerson? victim, SimPerson? perpetrator)
    {
        var incidents = abuse ? 1 + rng.Poisson(abuseFactor * (0.6 + (0.35 * Math.Max(need, 0)))) : rng.Chance(Math.Min(1, abuseFactor * 0.005)) ? 1 : 0;
        for (var i = 0; i < incidents; i++)
        {
            var date = day();
            if (victim is not null)
            {
                Record(victim, date, EventType.DomesticAbuseIncident, detail: "victim");
            }

            if (perpetrator is not null && rng.Chance(0.85))
            {
                Record(perpetrator, date, EventType.DomesticAbuseIncident, detail: "perpetrator");
            }

            if (rng.Chance(0.55))
            {
                foreach (var child in ChildrenAtHome(date))
                {
                    Record(child, date, EventType.DomesticAbuseIncident, detail: "witness");
                }
            }

            // The police notify the front door of most incidents involving a household with children.
            if (rng.Chance(0.6) && ChildrenAtHome(date).FirstOrDefault() is { } subject && date < End)
            {
                Record(subject, Min(date.AddDays(rng.Between(0, 14)), End), EventType.Contact);
            }
        }
    }

    private void RecordChildren(DateOnly asOf, DateOnly until, Func<DateOnly> day)
    {
        var mid = asOf.AddDays(182);
        DateOnly[] termEnds = [new(asOf.Year, 7, 20), new(asOf.Year, 12, 18), new(until.Year, 3, 28)];
        foreach (var child in people.Where(p => p.Role is PersonRole.Child && p.Birth is { } b && b <= mid && !p.InCareAt(mid)))
        {
            var age = FamilyFactsBuilder.Years(child.Birth!.Value, mid);
            if (age >= 18)
            {
                continue;
            }

            var male = child.Sex is Sex.Male;
            for (var i = rng.Poisson((0.02 * Math.Exp(1.2 * need)) + (age < 2 ? 0.03 : 0)); i > 0; i--)
            {
                RecordIfBorn(child, day(), EventType.AeAttendance);
            }

            if (age is >= 5 and <= 16)
            {
                foreach (var termEnd in termEnds)
                {
                    if (rng.Chance(SeededRandom.Sigmoid(-4.2 + (1.1 * need) + (age >= 11 ? 0.5 : 0))))
                    {
                        Record(child, termEnd, EventType.PersistentAbsence);
                    }
                }

                var behaviour = Math.Exp(1.4 * need) * (male ? 1.7 : 0.7) * (age >= 11 ? 2.2 : 0.6);
                for (var i = rng.Poisson(0.06 * behaviour); i > 0; i--)
                {
                    Record(child, day(), EventType.Suspension);
                }

                if (rng.Chance(0.003 * behaviour))
                {
                    Record(child, day(), EventType.PermanentExclusion);
                }
            }

            if (age >= 11)
            {
                for (var i = rng.Poisson(0.03 * Math.Exp(1.2 * need) * (age >= 13 ? 1.5 : 0.6)); i > 0; i--)
                {
                    Record(child, day(), EventType.MissingEpisode);
                }
            }

            if (age >= 14)
            {
                for (var i = rng.Poisson(0.03 * Math.Exp(1.3 * need)); i > 0; i--)
                {
                    Record(child, day(), EventType.Arrest);
                }
            }
        }
    }

    private void RecordSocialCare(DateOnly asOf, DateOnly until, Func<DateOnly> day)
    {
        var atHome = ChildrenAtHome(asOf.AddDays(1)).ToList();
        if (atHome.Count == 0)
        {
            return;
        }

        SimPerson AnyChild() => atHome[rng.Between(0, atHome.Count - 1)];
        for (var i = rng.Poisson(0.07 * Math.Exp(1.2 * need)); i > 0; i--)
        {
            var date = day();
            Record(AnyChild(), date, EventType.Contact);
            if (rng.Chance(SeededRandom.Sigmoid(-1.2 + (0.6 * need))))
            {
                var referred = AnyChild();
                var on = Min(date.AddDays(rng.Between(1, 10)), until);
                Record(referred, on, EventType.Referral);
                RecordAssessment(referred, on, until);
            }
        }

        var severity = need + (abuse ? 0.5 : 0) + (substance ? 0.6 : 0) + (mentalHealth ? 0.3 : 0) + (0.6 * rng.Normal());
        if (severity > 2.05 && cpUntil < asOf)
        {
            var start = day();
            cpUntil = start.AddDays(rng.Between(150, 540));
            var category = abuse && rng.Chance(0.6) ? "emotional"
                : substance && rng.Chance(0.6) ? "neglect"
                : rng.Pick<string>([("neglect", 45), ("physical", 20), ("emotional", 15), ("multiple", 15), ("sexual", 5)]);
            var referred = AnyChild();
            var on = start.AddDays(-rng.Between(10, 40)) is var r && r > asOf ? r : start;
            Record(referred, on, EventType.Referral);
            RecordAssessment(referred, on, until);
            foreach (var child in ChildrenAtHome(start))
            {
                Record(child, start, EventType.ChildProtectionPlan, Ended(cpUntil), rng.Chance(0.1) ? null : category);
            }
        }
        else if (severity > 1.0 && cinUntil < asOf && cpUntil < asOf)
        {
            var start = day();
            cinUntil = start.AddDays(rng.Between(90, 365));
            foreach (var child in ChildrenAtHome(start))
            {
                Record(child, start, EventType.ChildInNeedPlan, Ended(cinUntil));
            }
        }
        else if (severity > 0.1 && earlyHelpUntil < asOf && cpUntil < asOf && rng.Chance(0.5))
        {
            var start = day();
            earlyHelpUntil = start.AddDays(rng.Between(60, 270));
            Record(AnyChild(), start, EventType.EarlyHelpEpisode, Ended(earlyHelpUntil));
        }
    }

    /// <summary>
    /// A referral is assessed, and the social worker records most of what is going on in the family
    /// as factors, dated when the assessment is signed off (one not signed off by the year's end is not recorded).
    /// </summary>
    private void RecordAssessment(SimPerson child, DateOnly referral, DateOnly until)
    {
        var authorised = referral.AddDays(assessments.Between(15, 45));
        if (authorised > until || authorised > End)
        {
            return;
        }

        if (abuse && assessments.Chance(0.7))
        {
            Record(child, authorised, EventType.AssessmentFactor, detail: assessments.Chance(0.8) ? "3b" : "3a");
        }

        if (substance && assessments.Chance(0.65))
        {
            if (substanceKind is "alcohol" or "both")
            {
                Record(child, authorised, EventType.AssessmentFactor, detail: "1b");
            }

            if (substanceKind is "drugs" or "both")
            {
                Record(child, authorised, EventType.AssessmentFactor, detail: "2b");
            }
        }

        if (mentalHealth && assessments.Chance(0.6))
        {
            Record(child, authorised, EventType.AssessmentFactor, detail: "4b");
        }
    }

    private void RecordPregnancy(DateOnly asOf, DateOnly until, Func<DateOnly> day, SimPerson? mother)
    {
        if (mother?.Birth is not { } motherBirth)
        {
            return;
        }

        var age = FamilyFactsBuilder.Years(motherBirth, asOf);
        var youngest = people.Where(p => p.Role is PersonRole.Child && p.Birth is not null).Select(p => p.Birth!.Value).DefaultIfEmpty(DateOnly.MinValue).Max();
        var removed = people.Any(p => p.InCareFrom is not null);
        var rate = age is < 16 or > 44 ? 0 : 0.06 + (age < 25 ? 0.05 : 0) + (removed ? 0.12 : 0);
        var booking = day();
        if (rng.Chance(rate) && booking.DayNumber - lastBooking.DayNumber > 400 && booking.DayNumber - youngest.DayNumber > 240 && booking <= until)
        {
            Book(booking);
        }
    }

    /// <summary>
    /// A maternity booking; the baby is born 280 days later. The contract treats a booking in the
    /// last 280 days as an open pregnancy, so the demo data books at the start of a pregnancy.
    /// </summary>
    private void Book(DateOnly booking)
    {
        lastBooking = booking;
        Record(Mother!, booking, EventType.MaternityBooking);
        var birth = booking.AddDays(FamilyFactsBuilder.PregnancyDays);
        if (birth <= End)
        {
            Add(PersonRole.Child, birth, RandomSex(), null);
        }
    }

    // Helpers ----------------------------------------------------------------------------------

    private IEnumerable<SimPerson> ChildrenAtHome(DateOnly date) =>
        people.Where(p => p.Role is PersonRole.Child && p.Birth is { } b && b <= date && b.AddYears(18) > date && !p.InCareAt(date));

    private static DateOnly? Ended(DateOnly end) => end <= End ? end : null;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static void Record(SimPerson person, DateOnly date, EventType type, DateOnly? end = null, string? detail = null)
    {
        var code = EventDetail.None;
        if (detail is not null)
        {
            Vocabulary.TryParseDetail(type, detail, out code, out _, out _);
        }

        person.Events.Add(new GeneratedEvent(person.Id, date, type, end, detail, code));
    }

    private static void RecordIfBorn(SimPerson person, DateOnly date, EventType type)
    {
        if (person.Birth is { } birth && date >= birth)
        {
            Record(person, date, type);
        }
    }

    private FamilyRecord FamilyRecord => new(familyId, area, decile);

    private FamilyHistory Snapshot()
    {
        var members = people
            .Select(p => new Member(p.ToRecord(familyId), [.. p.Events.OrderBy(e => e.Date).Select(e => new PersonEvent(e.Date, e.EndDate, e.Type, e.DetailCode))]))
            .ToList();
        return new FamilyHistory(FamilyRecord, members, members.FirstOrDefault(m => m.Person.Role is PersonRole.Mother), []);
    }

    private GeneratedFamily Result() => new(
        FamilyRecord,
        people.Select(p => p.ToRecord(familyId)).ToList(),
        people.SelectMany(p => p.Events).Where(e => e.Date <= End).OrderBy(e => e.Date).ThenBy(e => e.PersonId, StringComparer.Ordinal).ToList(),
        truth,
        unrealisable);

    private sealed class SimPerson(string id, PersonRole role, DateOnly? birth, Sex sex, string? ethnicity, bool? careExperienced)
    {
        public string Id { get; } = id;

        public PersonRole Role { get; } = role;

        public DateOnly? Birth { get; } = birth;

        public Sex Sex { get; } = sex;

        public List<GeneratedEvent> Events { get; } = [];

        public DateOnly? InCareFrom { get; set; }

        public DateOnly InCareUntil { get; set; } = DateOnly.MinValue;

        public bool InCareAt(DateOnly date) => InCareFrom is { } from && from <= date && InCareUntil > date;

        public PersonRecord ToRecord(string familyId) => new(Id, familyId, Role, Birth, Sex, ethnicity, careExperienced);
    }
}
