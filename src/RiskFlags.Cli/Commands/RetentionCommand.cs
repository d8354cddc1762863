using System.CommandLine;
using System.Globalization;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags retention: remove what is past the council's retention period, never an open episode or an audit row; audited.</summary>
internal static class RetentionCommand
{
    public static Command Create(CliContext context)
    {
        var years = new Option<int>("--older-than") { Description = "The retention period in years: records that ended (or, for single events, happened) longer ago are removed.", Required = true };
        years.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--older-than must be between 1 and 100 years");
            }
        });
        var db = StoreOption.Create();
        var command = new Command("retention", "Remove records past the retention period: events whose end (or date) is older; never an open episode, never audit rows. Reports what it removed, and is audited.") { years, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = StoreOption.Resolve(context, parse.GetValue(db));
            await store.MigrateAsync(cancellationToken);
            var cutoff = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime).AddYears(-parse.GetValue(years));
            RetentionResult result;
            await using (var context_ = store.CreateContext())
            {
                result = await Retention.RunAsync(context_, cutoff, context.Time, cancellationToken);
            }

            var c = CultureInfo.InvariantCulture;
            var detail = string.Create(c, $"before {cutoff:yyyy-MM-dd}: {result.EventsRemoved} events removed from {result.FamiliesTouched} families; {result.OpenEpisodesKept} open episodes kept");
            await using (var audit = new AuditLog(store))
            {
                await audit.AppendAsync([CliAudit.Row(context, "Retention", [], detail)], cancellationToken);
            }

            await context.Console.Out.WriteLineAsync(string.Create(c, $"Removed {result.EventsRemoved:N0} events that ended before {cutoff:yyyy-MM-dd}, from {result.FamiliesTouched:N0} families ({store.Describe()}); {result.OpenEpisodesKept:N0} open episodes that began before it were kept; audit rows are never removed."));
            foreach (var (type, count) in result.ByType)
            {
                await context.Console.Out.WriteLineAsync(string.Create(c, $"  {type,-28} {count,9:N0}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
