using System.CommandLine;
using System.Globalization;
using RiskFlags.Core.Returns;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags convert --from ssda903 IN --out DIR: a council's statutory returns as contract CSVs, for riskflags import.</summary>
internal static class ConvertCommand
{
    public const string ErrorsFile = "conversion-errors.txt";
    public const string WarningsFile = "conversion-warnings.txt";

    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The kind of return: ssda903 (its CSV tables or XML), cin-census (its XML) or ssd (a folder of the Standard Safeguarding Dataset's ssd_* tables as CSV).", Required = true };
        from.AcceptOnlyFromAmong(Kinds);
        var links = LinksOption();
        var prefix = new Option<bool>("--prefix-ids") { Description = "Prefix person ids with the return (903:CHILD, cin:LAchildID). Without it the returns join on the child's own id." };
        var input = new Argument<FileSystemInfo>("IN") { Description = "A folder of the return's CSV files (several years may be merged), or one file." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write families.csv, people.csv and events.csv into.", Required = true };
        var command = new Command("convert", "Convert statutory returns into the data contract's CSVs: exit 0 when every record converted, 3 when some were rejected (listed in conversion-errors.txt), 2 when the input cannot be read.")
        {
            from, input, output, prefix, links,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(input)!;
            if (!source.Exists)
            {
                throw new UsageException($"IN: {source.FullName} does not exist");
            }

            return await RunAsync(context, parse.GetValue(from)!, source.FullName, parse.GetValue(output)!.FullName, parse.GetValue(prefix), parse.GetValue(links), null, cancellationToken);
        });
        return command;
    }

    public static Option<FileInfo?> LinksOption() => new("--links")
    {
        Description = "A CSV of child_id, family_id, mother_id, mother_birth_date (as a data warehouse produces it): children in one family are siblings, and a mother's earlier removals are her linked children's. Without it each child is a family of its own.",
    };

    /// <summary>The kinds of return --from takes.</summary>
    public static readonly string[] Kinds = ["ssda903", "cin-census", "ssd"];

    /// <summary>
    /// Converts a return into the contract's CSVs in <paramref name="folder"/> and says what it read;
    /// the errors and warnings go beside them, or into <paramref name="reportFolder"/> when given.
    /// </summary>
    /// <returns>0 when every record converted, 3 when some were rejected.</returns>
    public static async Task<int> RunAsync(CliContext context, string kind, string input, string folder, bool prefixIds, FileInfo? linksFile, string? reportFolder, CancellationToken cancellationToken)
    {
        var text = context.Console.Out;
        var linkErrors = new List<Core.Contract.RowError>();
        var links = linksFile is null ? null : ChildLinks.Load(linksFile.FullName, linkErrors.Add);
        IReadOnlyList<Core.Contract.RowError> rejected, warnings = [];
        int children, linked;
        if (kind == "ssd")
        {
            if (links is not null)
            {
                throw new UsageException("--links: the SSD links children to families and mothers itself (ssd_family, ssd_mother)");
            }

            var ssd = await Task.Run(() => SsdConverter.Convert(input, folder, prefixIds), cancellationToken);
            await WriteAsync(text, ssd, folder);
            (rejected, children, linked) = (ssd.Rejected, ssd.People, 0);
        }
        else if (kind == "cin-census")
        {
            var cin = await Task.Run(() => CinCensusConverter.Convert(input, folder, prefixIds, links), cancellationToken);
            await WriteAsync(text, cin, folder);
            (rejected, warnings, children, linked) = ([.. linkErrors, .. cin.Rejected], cin.Warnings, cin.Children, cin.Linked);
        }
        else
        {
            var result = await Task.Run(() => Ssda903Converter.Convert(input, folder, prefixIds, links), cancellationToken);
            await WriteAsync(text, result, folder);
            (rejected, warnings, children, linked) = ([.. linkErrors, .. result.Rejected], result.Warnings ?? [], result.Children, result.Linked);
        }

        // The SSD has its own families and mothers (its summary counts them); the returns have none without links.
        if (kind != "ssd")
        {
            await text.WriteLineAsync(links is null
            ? $"Each child is a family of its own: {(kind == "cin-census" ? "the CIN census" : "the SSDA903")} links no child to a parent (give --links to place them in families)."
            : string.Create(CultureInfo.InvariantCulture, $"{linked:N0} of {children:N0} children placed in families by {linksFile!.Name} ({links.Mothers.Count:N0} mothers linked); the rest are families of their own."));
        }

        var reports = reportFolder ?? folder;
        var warningsPath = Path.Combine(reports, WarningsFile);
        await File.WriteAllLinesAsync(warningsPath, warnings.Select(e => e.ToString()), cancellationToken);
        if (warnings.Count > 0)
        {
            await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{warnings.Count:N0} records converted with a warning (all in {warningsPath}); the first: {warnings[0]}"));
        }

        var errors = Path.Combine(reports, ErrorsFile);
        await File.WriteAllLinesAsync(errors, rejected.Select(e => e.ToString()), cancellationToken);
        if (rejected.Count == 0)
        {
            return ExitCodes.Ok;
        }

        await context.Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"riskflags: {rejected.Count:N0} records rejected (all in {errors}); the first: {rejected[0]}"));
        return ExitCodes.RowsRejected;
    }

    private static async Task WriteAsync(TextWriter text, Ssda903Conversion result, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c, $"Converted {result.Children:N0} children and {result.EpisodesRead:N0} episodes into {result.Periods:N0} periods of care ({result.LeftCensored:N0} began before the returns: their start is not known) in {folder}."));
        if (result.Uasc > 0)
        {
            await text.WriteLineAsync(string.Create(c, $"{result.Uasc:N0} unaccompanied asylum-seeking children (the UASC table) are marked uasc: the looked-after rate counts them apart."));
        }

        if (result.ShortBreaks > 0)
        {
            await text.WriteLineAsync(string.Create(c, $"{result.ShortBreaks:N0} periods of short breaks (V3/V4) were written as short_breaks: respite is never a removal, never looked after, never an outcome."));
        }

        if (result.TablesIgnored.Count > 0)
        {
            await text.WriteLineAsync($"Not needed: {string.Join(", ", result.TablesIgnored)}.");
        }
    }

    private static async Task WriteNotAuthorisedAsync(TextWriter text, int assessments)
    {
        if (assessments > 0)
        {
            await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{assessments:N0} assessments are not yet authorised: their factors are not known until they are, so none were written."));
        }
    }

    private static async Task WriteAsync(TextWriter text, SsdConversion result, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c,
            $"Converted {result.People:N0} people ({result.Mothers:N0} mothers) in {result.Families:N0} families, with {result.Events:N0} events of which {result.CarePeriods:N0} periods of care ({result.LeftCensored:N0} began before the data: their start is not known), in {folder}."));
        await text.WriteLineAsync($"Tables read: {string.Join(", ", result.TablesRead)}.");
        await WriteNotAuthorisedAsync(text, result.AssessmentsNotAuthorised);

        if (result.FilesIgnored.Count > 0)
        {
            await text.WriteLineAsync($"Not needed: {string.Join(", ", result.FilesIgnored)}.");
        }
    }

    private static async Task WriteAsync(TextWriter text, CinCensusConversion result, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c,
            $"Converted {result.Children:N0} children: {result.Referrals:N0} referrals, {result.Contacts:N0} contacts (referrals closed with no further action), {result.Factors:N0} assessment factors from {result.Assessments:N0} assessments, {result.ChildInNeedPlans:N0} CIN plans, {result.Section47Enquiries:N0} section 47 enquiries and {result.ChildProtectionPlans:N0} child protection plans, in {folder}."));
        await WriteNotAuthorisedAsync(text, result.AssessmentsNotAuthorised);

        if (result.Unborn > 0)
        {
            await text.WriteLineAsync(string.Create(c, $"{result.Unborn:N0} unborn children (an expected birth date only) were not written: the contract has no place for them yet."));
        }

        if (result.FilesIgnored.Count > 0)
        {
            await text.WriteLineAsync($"Not a CIN census (root element Message with Children): {string.Join(", ", result.FilesIgnored)}.");
        }
    }
}
