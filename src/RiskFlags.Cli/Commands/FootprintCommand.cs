using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Footprint;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags footprint: what the agencies knew of the year's care entrants beforehand, and how early RiskFlags would have flagged them.</summary>
internal static class FootprintCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliContext context)
    {
        var source = new DataSource();
        var year = new Option<int>("--year") { Description = "The year ending 31 March: 2024 means children who started to be looked after from 1 April 2023 to 31 March 2024.", Required = true };
        var model = new Option<FileInfo?>("--model") { Description = "The model file (.zip). Default: with --db, the store's published model (as the server scores), else the shipped model of this installation." };
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of the figures." };
        year.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1950 or > 2200)
            {
                r.AddError("--year must be a year such as 2024");
            }
        });
        var command = new Command("footprint", "For every child who started to be looked after in a year: the share whose family each agency knew in the 12 months before, and the share RiskFlags would have flagged 3, 6 and 12 months before, by pathway.")
        {
            year, model, json,
        };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var riskModel = await PublishedOrGivenModel.LoadAsync(parse.GetValue(model), source.Store(parse, context), context, cancellationToken);
            var (rules, _) = source.LoadRules(parse);
            var (data, description, _) = await source.LoadAsync(parse, context, cancellationToken);
            var footprint = CareEntryFootprint.Build(data.Families, new FamilyAssessor(riskModel, rules), parse.GetValue(year), await source.ContactsAsync(parse, context, cancellationToken));
            await WriteAsync(context.Console.Out, footprint, description);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    year = footprint.Year, from = footprint.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = footprint.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    entrants = footprint.Entrants, suppressed = footprint.Entrants < CareEntryFootprint.SmallestGroup,
                    agencies = footprint.Agencies, flagged_before = footprint.FlaggedBefore, flagged_by_pathway = footprint.FlaggedByPathway,
                    programmes_before = footprint.ProgrammesBefore,
                }, Json));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter text, CareEntryFootprint f, string description)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c, $"{f.Entrants:N0} children started to be looked after from {f.From:d MMMM yyyy} to {f.To:d MMMM yyyy} ({description})"));
        if (f.Entrants < CareEntryFootprint.SmallestGroup)
        {
            await text.WriteLineAsync(string.Create(c, $"Fewer than {CareEntryFootprint.SmallestGroup} children: too few to show shares without risk of identifying them."));
            return;
        }

        foreach (var (title, shares) in new[] { ("In the 12 months before entry, the family had", f.Agencies), ("RiskFlags would have flagged the family", f.FlaggedBefore), ("by pathway (at any of those dates)", f.FlaggedByPathway), ("Before entry, the family was (from the store's referrals)", f.ProgrammesBefore) })
        {
            if (shares.Count == 0)
            {
                continue;
            }

            await text.WriteLineAsync(title);
            foreach (var s in shares)
            {
                await text.WriteLineAsync(string.Create(c, $"  {s.Name,-45} {s.Children,6:N0}  {s.Share,6:0%}"));
            }
        }
    }
}
