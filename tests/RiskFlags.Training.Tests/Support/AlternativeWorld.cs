using System.Globalization;
using System.Text;

namespace RiskFlags.Training.Tests.Support;

/// <summary>
/// Another authority's linked data, written by a simulator that shares nothing with RiskFlags'
/// demo generator: other household structure, other id styles and header conventions, other
/// prevalences, and its own truth: each year's outcome is drawn from a logistic function of counts
/// it takes from its own records up to that 31 March (arrests and evictions with a baby weigh most
/// here). It follows the contract, so RiskFlags must load it, learn it and rank close to its truth.
/// </summary>
public static class AlternativeWorld
{
    private static readonly DateOnly Start = new(2017, 4, 1);
    private static readonly DateOnly End = new(2024, 3, 31);

    public static readonly IReadOnlyList<DateOnly> TruthDates = [new(2019, 3, 31), new(2020, 3, 31), new(2021, 3, 31), new(2022, 3, 31), new(2023, 3, 31)];

    private sealed record Ev(string Person, DateOnly Date, string Source, string Type, DateOnly? End, string Detail);

    private sealed class Household
    {
        public required string Id { get; init; }

        public required string Mother { get; init; }

        public required DateOnly MotherBirth { get; init; }

        public string? Partner { get; init; }

        public List<(string Id, DateOnly Birth)> Children { get; } = [];

        public List<Ev> Events { get; } = [];

        public Dictionary<string, DateOnly> InCareUntil { get; } = [];

        public double Chaos { get; set; }

        public int Decile { get; init; }
    }

    public static void Write(string folder, int households, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var all = new List<Household>();
        var truth = new StringBuilder("family_id,as_of,probability,outcome\n");
        for (var h = 0; h < households; h++)
        {
            var home = new Household
            {
                Id = $"hh-{h:x5}",
                Mother = $"M.{h}",
                MotherBirth = Start.AddDays(-random.Next(17 * 365, 44 * 365)),
                Partner = random.NextDouble() < 0.5 ? $"P.{h}" : null,
                Chaos = Math.Exp((1.1 * Normal(random)) - 0.8),
                Decile = random.Next(1, 11),
            };
            for (var c = random.Next(1, 4); c > 0; c--)
            {
                home.Children.Add(($"C.{h}.{c}", Start.AddDays(-random.Next(0, 15 * 365))));
            }

            for (var year = Start.Year; year < End.Year; year++)
            {
                var asOf = new DateOnly(year, 3, 31);
                if (asOf >= TruthDates[0] && asOf <= TruthDates[^1])
                {
                    // A household with no child at home who could enter care has nobody to remove: the records show it.
                    var atHome = home.Children.Where(c => c.Birth <= asOf && !InCare(home, c.Id, asOf) && c.Birth.AddYears(17) > asOf).ToList();
                    var p = atHome.Count == 0 ? 0 : Probability(home, asOf);
                    var outcome = random.NextDouble() < p;
                    truth.Append(CultureInfo.InvariantCulture, $"{home.Id},{asOf:yyyy-MM-dd},{p:F6},{(outcome ? 1 : 0)}\n");
                    if (outcome)
                    {
                        var child = atHome[random.Next(atHome.Count)];
                        var start = asOf.AddDays(random.Next(1, 366));
                        var until = start.AddDays(random.Next(90, 900));
                        home.InCareUntil[child.Id] = until;
                        home.Events.Add(new Ev(child.Id, start, "social_care", "care_episode", until <= End ? until : null, "s20"));
                    }
                }

                Year(home, asOf, random);
            }

            all.Add(home);
        }

        WriteFiles(folder, all);
        File.WriteAllText(Path.Combine(folder, "truth.csv"), truth.ToString());
    }

    private static bool InCare(Household home, string child, DateOnly date) =>
        home.Events.Any(e => e.Person == child && e.Type == "care_episode" && e.Date <= date && (e.End is null || e.End > date));

    /// <summary>This world's truth, from its own records up to as_of (a household is in the cohort here: a child always lives at home or it drops out).</summary>
    private static double Probability(Household home, DateOnly asOf)
    {
        int Count(string type, int months = 12) => home.Events.Count(e => e.Type == type && e.Date <= asOf && e.Date > asOf.AddMonths(-months));
        var baby = home.Children.Any(c => c.Birth <= asOf && c.Birth > asOf.AddYears(-2) && !InCare(home, c.Id, asOf));
        var plan = home.Events.Any(e => e.Type == "child_in_need_plan" && e.Date <= asOf && (e.End is null || e.End > asOf));
        var logit = -4.8
            + (0.8 * Math.Min(Count("arrest"), 4))
            + (Count("eviction") > 0 ? (baby ? 2.0 : 0.8) : 0)
            + (0.35 * Math.Min(Count("ae_attendance"), 5))
            + (Count("domestic_abuse_incident") >= 3 ? 1.2 : 0)
            + (plan ? 1.2 : 0)
            + (Count("contact") >= 2 && Count("referral") == 0 ? 0.5 : 0)
            + (Count("suspension") >= 3 ? 0.8 : 0);
        return 1 / (1 + Math.Exp(-logit));
    }

    private static void Year(Household home, DateOnly asOf, Random random)
    {
        DateOnly Day() => asOf.AddDays(random.Next(1, 366));
        var chaos = home.Chaos = (0.7 * home.Chaos) + (0.3 * Math.Exp((1.1 * Normal(random)) - 0.8));
        void Repeat(double rate, Action add)
        {
            for (var i = Poisson(random, rate); i > 0; i--)
            {
                add();
            }
        }

        if (home.Partner is { } partner)
        {
            Repeat(0.25 * chaos, () => home.Events.Add(new Ev(partner, Day(), "police", "arrest", null, "")));
            Repeat(0.3 * chaos, () =>
            {
                var date = Day();
                home.Events.Add(new Ev(home.Mother, date, "police", "domestic_abuse_incident", null, "victim"));
                home.Events.Add(new Ev(partner, date, "police", "domestic_abuse_incident", null, "perpetrator"));
            });
        }

        Repeat(0.08 * chaos, () => home.Events.Add(new Ev(home.Mother, Day(), "housing", "eviction", null, "")));
        Repeat(0.3 * chaos, () => home.Events.Add(new Ev(home.Mother, Day(), "social_care", "contact", null, "")));
        Repeat(0.1 * chaos, () => home.Events.Add(new Ev(home.Mother, Day(), "social_care", "referral", null, "")));
        if (random.NextDouble() < 0.06 * chaos)
        {
            var start = Day();
            var end = start.AddDays(random.Next(120, 400));
            home.Events.Add(new Ev(home.Children[0].Id, start, "social_care", "child_in_need_plan", end <= End ? end : null, ""));
        }

        foreach (var (child, birth) in home.Children.Where(c => c.Birth <= asOf && !InCare(home, c.Id, asOf.AddDays(1))))
        {
            Repeat(0.25 + (0.2 * chaos), () =>
            {
                var date = Day();
                if (date >= birth)
                {
                    home.Events.Add(new Ev(child, date, "health", "ae_attendance", null, ""));
                }
            });
            if (birth.AddYears(5) <= asOf)
            {
                Repeat(0.2 * chaos, () => home.Events.Add(new Ev(child, Day(), "school", "suspension", null, "")));
            }
        }

        // A new baby now and then, recorded at birth (this world books no pregnancies).
        if (random.NextDouble() < 0.05 && home.MotherBirth.AddYears(40) > asOf)
        {
            var birth = Day();
            if (birth <= End)
            {
                home.Children.Add(($"C.{home.Id}.b{home.Children.Count + 1}", birth));
            }
        }
    }

    private static void WriteFiles(string folder, List<Household> homes)
    {
        var crlf = new UTF8Encoding(true);
        var families = new StringBuilder("FAMILY_ID,Authority,DEPRIVATION_DECILE\r\n");
        var people = new StringBuilder("PERSON_ID,ROLE,FAMILY_ID,BIRTH_DATE,SEX\r\n");
        var events = new StringBuilder("SOURCE,TYPE,EVENT_ID,PERSON_ID,DATE,END_DATE,DETAIL\r\n");
        var serial = 0;
        foreach (var home in homes)
        {
            families.Append(CultureInfo.InvariantCulture, $"{home.Id},\"Elsewhere, County\",{home.Decile}\r\n");
            people.Append(CultureInfo.InvariantCulture, $"{home.Mother},mother,{home.Id},{home.MotherBirth:yyyy-MM-dd},F\r\n");
            if (home.Partner is { } partner)
            {
                people.Append(CultureInfo.InvariantCulture, $"{partner},father,{home.Id},,M\r\n");
            }

            foreach (var (child, birth) in home.Children)
            {
                people.Append(CultureInfo.InvariantCulture, $"{child},child,{home.Id},{birth:yyyy-MM-dd},U\r\n");
            }

            foreach (var e in home.Events.Where(e => e.Date <= End))
            {
                events.Append(CultureInfo.InvariantCulture, $"{e.Source},{e.Type},ev:{++serial:x8},{e.Person},{e.Date:yyyy-MM-dd},{e.End:yyyy-MM-dd},{e.Detail}\r\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "families.csv"), families.ToString(), crlf);
        File.WriteAllText(Path.Combine(folder, "people.csv"), people.ToString(), crlf);
        File.WriteAllText(Path.Combine(folder, "events.csv"), events.ToString(), crlf);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }

        return k;
    }
}
