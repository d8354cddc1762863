using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.DemoData;

/// <summary>
/// Writes a synthetic linked data set that follows data-contract.md, with truth.csv beside it.
/// The same options give the same bytes: each family has its own seeded stream, families are
/// simulated in parallel, and written in order.
/// </summary>
public static class DemoDataGenerator
{
    public const string TruthFile = "truth.csv";
    public const string CalibrationFile = "calibration.csv";
    private const int Chunk = 2048;

    private static readonly (EventSource Source, string Prefix)[] EventIdPrefixes =
    [
        (EventSource.Police, "POL"), (EventSource.School, "SCH"), (EventSource.Health, "NHS"), (EventSource.SubstanceService, "DAS"),
        (EventSource.Housing, "HSG"), (EventSource.SocialCare, "CSC"), (EventSource.EarlyHelp, "EHA"),
    ];

    /// <summary>The families of a run, in order.</summary>
    public static IEnumerable<GeneratedFamily> Generate(DemoDataOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Families);
        var areas = Areas(options);
        for (var start = 0; start < options.Families; start += Chunk)
        {
            var count = Math.Min(Chunk, options.Families - start);
            var chunk = new GeneratedFamily[count];
            Parallel.For(0, count, i => chunk[i] = FamilySimulation.Run(start + i, options, areas));
            foreach (var family in chunk)
            {
                yield return family;
            }
        }
    }

    /// <summary>Writes families.csv, people.csv, events.csv, truth.csv and the demo marker into <paramref name="directory"/>.</summary>
    public static DemoDataSummary Write(DemoDataOptions options, string directory, IProgress<int>? familiesDone = null)
    {
        Directory.CreateDirectory(directory);
        using var families = Open(directory, ContractReader.FamiliesFile, "family_id", "local_area", "deprivation_decile");
        using var people = Open(directory, ContractReader.PeopleFile, "person_id", "family_id", "role", "birth_date", "sex", "ethnicity", "care_experienced");
        using var events = Open(directory, ContractReader.EventsFile, "event_id", "person_id", "date", "source", "type", "end_date", "detail");
        using var truth = Open(directory, TruthFile, "family_id", "as_of", "probability", "outcome");

        var nextEventId = new long[EventIdPrefixes.Length];
        long peopleCount = 0, eventCount = 0;
        var unrealisable = 0;
        var outcomes = DemoDataOptions.TruthDates.ToDictionary(d => d, _ => (Cohort: 0, Positives: 0));
        var done = 0;
        var calibration = new DemoCalibration();
        foreach (var family in Generate(options))
        {
            calibration.Add(family);
            Row(families, family.Family.FamilyId, family.Family.LocalArea, Int(family.Family.DeprivationDecile));
            foreach (var p in family.People)
            {
                Row(people, p.PersonId, p.FamilyId, p.Role.Code(), Date(p.BirthDate), p.Sex?.Code(), p.Ethnicity,
                    p.CareExperienced is { } ce ? (ce ? "true" : "false") : null);
                peopleCount++;
            }

            foreach (var e in family.Events)
            {
                var source = Vocabulary.SourceOf(e.Type);
                var id = $"{EventIdPrefixes[(int)source].Prefix}{++nextEventId[(int)source]:D8}";
                Row(events, id, e.PersonId, Date(e.Date), source.Code(), e.Type.Code(), Date(e.EndDate), e.Detail);
                eventCount++;
            }

            foreach (var t in family.Truth)
            {
                Row(truth, t.FamilyId, Date(t.AsOf), t.Probability.ToString("F6", CultureInfo.InvariantCulture), t.Outcome ? "1" : "0");
                var (cohort, positives) = outcomes[t.AsOf];
                outcomes[t.AsOf] = (cohort + 1, positives + (t.Outcome ? 1 : 0));
            }

            unrealisable += family.UnrealisableOutcomes;
            if (++done % 1000 == 0)
            {
                familiesDone?.Report(done);
            }
        }

        familiesDone?.Report(done);
        var figures = calibration.Figures(options.Families);
        WriteCalibration(Path.Combine(directory, CalibrationFile), figures);
        DemoMarker.Write(directory, options);
        return new DemoDataSummary(done, peopleCount, eventCount, outcomes, unrealisable, figures);
    }

    /// <summary>Reads truth.csv (written by <see cref="Write"/>) back.</summary>
    public static IReadOnlyList<TruthRow> ReadTruth(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<TruthRow>();
        csv.Read();
        while (csv.Read())
        {
            rows.Add(new TruthRow(csv[0], DateOnly.ParseExact(csv[1], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                double.Parse(csv[2], CultureInfo.InvariantCulture), csv[3] == "1"));
        }

        return rows;
    }

    private static void WriteCalibration(string path, IReadOnlyList<CalibrationFigure> figures)
    {
        using var csv = Open(Path.GetDirectoryName(path)!, Path.GetFileName(path), "figure", "demo", "report", "low", "high", "within_band", "source");
        var culture = CultureInfo.InvariantCulture;
        foreach (var f in figures)
        {
            Row(csv, f.Figure, f.Demo.ToString("0.####", culture), f.Report.ToString("0.####", culture), f.Low.ToString("0.####", culture),
                f.High.ToString("0.####", culture), f.WithinBand ? "yes" : "no", f.Source);
        }
    }

    /// <summary>Local areas named like LSOA codes, each with a deprivation decile.</summary>
    private static IReadOnlyList<string>[] Areas(DemoDataOptions options)
    {
        var perDecile = Math.Max(2, options.Families / 600);
        return Enumerable.Range(1, 10)
            .Select(decile => (IReadOnlyList<string>)Enumerable.Range(0, perDecile)
                .Select(i => $"E0101{decile - 1}{i:D3}")
                .ToArray())
            .ToArray();
    }

    private static CsvWriter Open(string directory, string file, params string[] header)
    {
        var writer = new StreamWriter(Path.Combine(directory, file), false, new UTF8Encoding(false), 1 << 16);
        var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var column in header)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        return csv;
    }

    private static void Row(CsvWriter csv, params string?[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field ?? "");
        }

        csv.NextRecord();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Int(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
