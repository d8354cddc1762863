using System.CommandLine;
using System.Globalization;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Footprint;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

/// <summary>--data DIR or --db CONNECTION: where the linked data come from for train, evaluate and score; plus the rules they use.</summary>
internal sealed class DataSource
{
    public Option<DirectoryInfo?> Data { get; } = new("--data") { Description = "A folder of contract CSVs (families.csv, people.csv, events.csv); truth.csv beside them, if there, gives the oracle." };

    public Option<string?> Db { get; } = StoreOption.Create();

    public Option<DirectoryInfo?> Rules { get; } = new("--rules") { Description = "The rules folder (rule workflows and programmes.json). Default: rules/ of this installation." };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Db);
        command.Options.Add(Rules);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(Data) is null) == (result.GetResult(Db) is null))
            {
                result.AddError("give the linked data with exactly one of --data DIR or --db CONNECTION");
            }
        });
    }

    public async Task<(LinkedDataIndex Index, string Description, IReadOnlyList<TruthRow>? Truth)> LoadAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Data) is { } folder)
        {
            var rejected = new List<RowError>();
            var index = LinkedDataIndex.Load(folder.FullName, context.Time, rejected.Add);
            if (rejected.Count > 0)
            {
                await context.Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"riskflags: {rejected.Count:N0} problems in rejected rows were skipped (run riskflags import to list them); the first: {rejected[0]}"));
            }

            var truthPath = Path.Combine(folder.FullName, DemoDataGenerator.TruthFile);
            return (index, folder.FullName, File.Exists(truthPath) ? DemoDataGenerator.ReadTruth(truthPath) : null);
        }

        var store = StoreOption.Resolve(context, parse.GetValue(Db));
        await using var db = store.CreateContext();
        return (await LinkedDataStore.LoadIndexAsync(db, cancellationToken), store.Describe(), null);
    }

    /// <summary>The store named by --db; null when the data are a folder.</summary>
    public StoreConnection? Store(ParseResult parse, CliContext context) => parse.GetValue(Data) is null ? StoreOption.Resolve(context, parse.GetValue(Db)) : null;

    /// <summary>The store's record of offers and enrolments; null for a folder of CSVs, which has none.</summary>
    public async Task<ProgrammeContacts?> ContactsAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Data) is not null)
        {
            return null;
        }

        await using var db = StoreOption.Resolve(context, parse.GetValue(Db)).CreateContext();
        return await ReferralStore.ContactsAsync(db, cancellationToken);
    }

    /// <summary>
    /// The data as a store to stream from: the store itself (--db), or a folder (--data) indexed once
    /// into a temporary SQLite file, so a cohort of any size is read a chunk at a time, never whole.
    /// </summary>
    public async Task<ScoringStore> OpenStoreAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Data) is not { } folder)
        {
            return new ScoringStore(StoreOption.Resolve(context, parse.GetValue(Db)), null);
        }

        var scratch = Directory.CreateTempSubdirectory("riskflags-score-");
        var store = StoreConnection.Parse(Path.Combine(scratch.FullName, "index.db"));
        var rejected = 0;
        RowError? first = null;
        await new LinkedDataImporter(store, context.Time).ImportAsync(folder.FullName, e =>
        {
            first ??= e;
            rejected++;
        }, cancellationToken);
        if (first is not null)
        {
            await context.Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"riskflags: {rejected:N0} problems in rejected rows were skipped (run riskflags import to list them); the first: {first}"));
        }

        return new ScoringStore(store, scratch);
    }

    public (RuleSet Rules, ProgrammeCatalogue Programmes) LoadRules(ParseResult parse)
    {
        var folder = parse.GetValue(Rules)?.FullName ?? InstallLayout.Find().Rules;
        try
        {
            var rules = RuleSetLoader.Load(folder);
            return (rules, rules.Programmes);
        }
        catch (RuleSetException e)
        {
            throw new UsageException($"the rules in {folder} are invalid (riskflags rules check lists every problem): {e.Problems[0]}");
        }
    }

    public static Option<string> AsOfOption(string description) => new("--as-of") { Description = description, Required = true };

    public static IReadOnlyList<DateOnly> ParseDates(string text)
    {
        var dates = new List<DateOnly>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new UsageException($"--as-of: '{part}' is not a date (YYYY-MM-DD)");
            }

            dates.Add(date);
        }

        return dates.Count == 0 ? throw new UsageException("--as-of: give at least one date") : dates;
    }
}
