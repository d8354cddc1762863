using System.CommandLine;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Training;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags card --atrs: the transparency record a council publishes for the model and rules it runs.</summary>
internal static class CardCommand
{
    public static Command Create(CliContext context)
    {
        var model = EvaluateCommand.ModelOption();
        var atrs = new Option<bool>("--atrs") { Description = "Write the Algorithmic Transparency Recording Standard (v4.0) record (atrs.json, atrs.md) and a DPIA checklist.", Required = true };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder to write into. Default: the model's folder." };
        var council = new Option<FileInfo?>("--council") { Description = "The council's answers: a JSON object of field key to answer, for the fields marked TO BE COMPLETED." };
        var check = new Option<bool>("--check") { Description = "List the fields still to be completed; exit 1 while any is." };
        var rulesFolder = new Option<DirectoryInfo?>("--rules") { Description = "The rules folder the model runs with. Default: rules/ of this installation." };
        var command = new Command("card", "Write the transparency record for a model and the rules it runs with: every field the project knows filled, the council's own marked TO BE COMPLETED.")
        {
            model, atrs, output, council, check, rulesFolder,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(model)!;
            EvaluateCommand.Load(file);
            var cardPath = ModelCard.JsonPath(file.FullName);
            if (!File.Exists(cardPath))
            {
                throw new UsageException($"--model: no card beside it ({cardPath}); riskflags train writes one");
            }

            var rules = RuleSetLoader.Load(parse.GetValue(rulesFolder)?.FullName ?? InstallLayout.Find().Rules);
            AtrsRecord record;
            try
            {
                var answers = parse.GetValue(council) is { } answersFile ? AtrsRecord.ReadAnswers(answersFile.FullName) : null;
                record = AtrsRecord.Build(ModelCard.Read(file.FullName), rules, rules.Programmes, answers);
            }
            catch (AtrsAnswersException e)
            {
                throw new UsageException($"--council: {e.Message}");
            }

            var folder = parse.GetValue(output)?.FullName ?? file.DirectoryName!;
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "atrs.json"), record.ToJson(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "atrs.md"), record.ToMarkdown(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, DpiaChecklist.FileName), DpiaChecklist.ToMarkdown(), cancellationToken);
            var missing = record.Missing.ToList();
            await context.Console.Out.WriteLineAsync($"Wrote atrs.json, atrs.md and {DpiaChecklist.FileName} to {folder}: {record.Fields.Count} fields, {missing.Count} for the council to complete.");
            if (!parse.GetValue(check))
            {
                return ExitCodes.Ok;
            }

            foreach (var f in missing)
            {
                await context.Console.Out.WriteLineAsync($"{AtrsRecord.ToBeCompleted}: {f.Key} ({f.Ref}, {f.Name})");
            }

            return missing.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
