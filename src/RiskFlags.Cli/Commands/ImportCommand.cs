using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using RiskFlags.Core.Contract;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

internal static class ImportCommand
{
    public const string DefaultErrorsFile = "import-errors.csv";

    public static Command Create(CliContext context)
    {
        var directory = new Argument<FileSystemInfo>("DIR") { Description = "Folder with families.csv, people.csv and events.csv (data-contract.md); with --from, the return's folder or file." };
        var from = new Option<string?>("--from") { Description = "Convert a statutory return first (ssda903 or cin-census, as riskflags convert does), then import what it wrote." };
        from.AcceptOnlyFromAmong(ConvertCommand.Kinds);
        var prefix = new Option<bool>("--prefix-ids") { Description = "With --from: prefix person ids with the return (903:CHILD, cin:LAchildID)." };
        var links = ConvertCommand.LinksOption();
        var db = StoreOption.Create();
        var errorsFile = new Option<FileInfo?>("--errors") { Description = $"Where to list rejected rows (file, line, column, field, reason). Default: {DefaultErrorsFile} in the current folder." };
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of counts per file." };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Rows per transaction (default 50,000); each batch is stored whole or not at all.",
            DefaultValueFactory = _ => 50_000,
        };
        batchSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                r.AddError("--batch-size must be between 1 and 1,000,000");
            }
        });
        var command = new Command("import", "Validate a linked data extract and load it into the store. Exit 0: all rows loaded; 3: some rejected (listed in the errors file); 2: a file is missing or unreadable.")
        {
            directory, db, errorsFile, json, batchSize, from, prefix, links,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = StoreOption.Resolve(context, parse.GetValue(db));
            var input = parse.GetValue(directory)!;
            var errorsPath = parse.GetValue(errorsFile)?.FullName ?? Path.Combine(Directory.GetCurrentDirectory(), DefaultErrorsFile);
            if (parse.GetValue(from) is not { } kind)
            {
                return await ImportAsync(parse, context, store, input.FullName, errorsPath, cancellationToken);
            }

            if (!input.Exists)
            {
                throw new UsageException($"DIR: {input.FullName} does not exist");
            }

            // The converted CSVs are a step, not a result: the conversion's errors and warnings stay beside the import's.
            var converted = Directory.CreateTempSubdirectory("riskflags-converted-");
            try
            {
                var conversion = await ConvertCommand.RunAsync(context, kind, input.FullName, converted.FullName, parse.GetValue(prefix), parse.GetValue(links), Path.GetDirectoryName(errorsPath), cancellationToken);
                var import = await ImportAsync(parse, context, store, converted.FullName, errorsPath, cancellationToken);
                return Math.Max(conversion, import);
            }
            finally
            {
                converted.Delete(recursive: true);
            }
        });
        return command;

        async Task<int> ImportAsync(ParseResult parse, CliContext context, StoreConnection store, string folder, string errorsPath, CancellationToken cancellationToken)
        {
            context.Logger.Information("Importing {Folder} into {Store}", folder, store.Describe());

            await using var errors = new ErrorsFile(errorsPath);
            var result = await TerminalProgress.RunAsync(context.Console, report =>
            {
                var importer = new LinkedDataImporter(store, context.Time)
                {
                    BatchSize = parse.GetValue(batchSize),
                    Progress = report is null ? null : new DirectProgress<ReadProgress>(p => report(p.File, p.BytesRead, p.TotalBytes)),
                    BatchStored = (file, rows) => context.Logger.Information("{File}: {Rows} rows written", file, rows),
                };
                return importer.ImportAsync(folder, errors.Add, cancellationToken);
            });

            await WriteSummaryAsync(context.Console.Out, folder, store, result, errors, parse.GetValue(json));
            context.Logger.Information("Import finished: {Families} families, {People} people, {Events} events loaded; {Rejected} rows rejected",
                result.Families.Loaded, result.People.Loaded, result.Events.Loaded, errors.Count);
            return result.AnyRejected ? ExitCodes.RowsRejected : ExitCodes.Ok;
        }
    }

    private static async Task WriteSummaryAsync(TextWriter text, string folder, StoreConnection store, ImportResult result, ErrorsFile errors, bool json)
    {
        var culture = CultureInfo.InvariantCulture;
        await text.WriteLineAsync($"Imported {folder} into {store.Describe()}");
        await text.WriteLineAsync("file           loaded   rejected   new or changed     rows/s");
        foreach (var (name, counts) in new[] { ("families", result.Families), ("people", result.People), ("events", result.Events) })
        {
            await text.WriteLineAsync(string.Create(culture, $"{name,-10} {counts.Loaded,10:N0} {counts.Rejected,10:N0} {counts.Written,16:N0} {counts.RowsPerSecond,10:N0}"));
        }

        if (errors.Count > 0)
        {
            await text.WriteLineAsync(string.Create(culture, $"{errors.Count:N0} problems in rejected rows are listed in {errors.Path}; the first:"));
            foreach (var first in errors.First)
            {
                await text.WriteLineAsync($"  {first}");
            }
        }

        if (json)
        {
            static object Counts(ImportCounts c) => new { loaded = c.Loaded, rejected = c.Rejected, written = c.Written };
            await text.WriteLineAsync(JsonSerializer.Serialize(new { families = Counts(result.Families), people = Counts(result.People), events = Counts(result.Events) }));
        }
    }

    /// <summary>The rejected rows, written as they are found; the file is only created when there is one.</summary>
    private sealed class ErrorsFile(string path) : IAsyncDisposable
    {
        private readonly List<RowError> first = [];
        private CsvWriter? writer;

        public string Path { get; } = path;

        public int Count { get; private set; }

        public IReadOnlyList<RowError> First => first;

        public void Add(RowError error)
        {
            if (writer is null)
            {
                writer = new CsvWriter(new StreamWriter(Path, false, new UTF8Encoding(false)), CultureInfo.InvariantCulture);
                writer.WriteHeader<RowError>();
                writer.NextRecord();
            }

            writer.WriteRecord(error);
            writer.NextRecord();
            Count++;
            if (first.Count < 5)
            {
                first.Add(error);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }
}
