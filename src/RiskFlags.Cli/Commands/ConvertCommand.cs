using System.CommandLine;
using System.Globalization;
using RiskFlags.Core.Returns;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags convert --from ssda903 IN --out DIR: a council's statutory returns as contract CSVs, for riskflags import.</summary>
internal static class ConvertCommand
{
    public const string ErrorsFile = "conversion-errors.txt";

    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The kind of return: ssda903 (CSV tables; the CIN census and the SSD are still to come).", Required = true };
        from.AcceptOnlyFromAmong("ssda903");
        var input = new Argument<FileSystemInfo>("IN") { Description = "A folder of the return's CSV files (several years may be merged), or one file." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write families.csv, people.csv and events.csv into.", Required = true };
        var command = new Command("convert", "Convert statutory returns into the data contract's CSVs: exit 0 when every record converted, 3 when some were rejected (listed in conversion-errors.txt), 2 when the input cannot be read.")
        {
            from, input, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(input)!;
            if (!source.Exists)
            {
                throw new UsageException($"IN: {source.FullName} does not exist");
            }

            var folder = parse.GetValue(output)!.FullName;
            var result = await Task.Run(() => Ssda903Converter.Convert(source.FullName, folder), cancellationToken);
            var c = CultureInfo.InvariantCulture;
            var text = context.Console.Out;
            await text.WriteLineAsync(string.Create(c, $"Converted {result.Children:N0} children and {result.EpisodesRead:N0} episodes into {result.Periods:N0} periods of care ({result.LeftCensored:N0} began before the returns: their start is not known) in {folder}."));
            await text.WriteLineAsync("Each child is a family of its own: the SSDA903 links no child to a parent.");
            if (result.ShortBreaksSkipped > 0)
            {
                await text.WriteLineAsync(string.Create(c, $"{result.ShortBreaksSkipped:N0} periods of short breaks (V3/V4) were not written: respite is never a removal."));
            }

            if (result.TablesIgnored.Count > 0)
            {
                await text.WriteLineAsync($"Not needed: {string.Join(", ", result.TablesIgnored)}.");
            }

            var errors = Path.Combine(folder, ErrorsFile);
            await File.WriteAllLinesAsync(errors, result.Rejected.Select(e => e.ToString()), cancellationToken);
            if (result.Rejected.Count == 0)
            {
                return ExitCodes.Ok;
            }

            await context.Console.Error.WriteLineAsync(string.Create(c, $"riskflags: {result.Rejected.Count:N0} records rejected (all in {errors}); the first: {result.Rejected[0]}"));
            return ExitCodes.RowsRejected;
        });
        return command;
    }
}
