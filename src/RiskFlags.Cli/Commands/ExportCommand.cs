using System.CommandLine;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags person export ID and riskflags family export ID: everything held about one subject, as a subject access request asks; each export audited.</summary>
internal static class ExportCommand
{
    public static Command Person(CliContext context) => Create(context, "person", "Everything held about one person (their records, their family's suggestions, decisions, places and audit rows), each record tagged with its subject.", SubjectExport.PersonAsync);

    public static Command Family(CliContext context) => Create(context, "family", "Everything held about one family and its members, each record tagged with its subject.", SubjectExport.FamilyAsync);

    private static Command Create(CliContext context, string subject, string description, Func<RiskFlagsDbContext, string, CancellationToken, Task<IReadOnlyList<ExportedRecord>?>> export)
    {
        var id = new Argument<string>("ID") { Description = $"The {subject}'s id, as the data contract has it." };
        var db = StoreOption.Create();
        var output = new Option<FileInfo?>("--out") { Description = "Write the export (JSON) here instead of to the console." };
        var command = new Command("export", description) { id, db, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = StoreOption.Resolve(context, parse.GetValue(db));
            await store.MigrateAsync(cancellationToken);
            await using var context_ = store.CreateContext();
            var key = parse.GetValue(id)!;
            var records = await export(context_, key, cancellationToken)
                ?? throw new UsageException($"ID: no {subject} '{key}' in {store.Describe()}");
            var families = SubjectExport.Families(records);
            await using (var audit = new AuditLog(store))
            {
                await audit.AppendAsync([CliAudit.Row(context, $"Export{char.ToUpperInvariant(subject[0])}{subject[1..]}", families, $"{subject} {key}: {records.Count} records")], cancellationToken);
            }

            var body = SubjectExport.ToJson($"{subject}:{key}", records, context.Time.GetUtcNow());
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, body + "\n", cancellationToken);
                await context.Console.Out.WriteLineAsync($"Wrote {records.Count} records about {subject} {key} to {file.FullName}; the export is in the audit log.");
            }
            else
            {
                await context.Console.Out.WriteLineAsync(body);
            }

            return ExitCodes.Ok;
        });
        return new Command(subject, $"A {subject}'s own data.") { command };
    }
}
