using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags impact: what N more places of a programme would cost and save, by the report's cost model.</summary>
internal static class ImpactCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliContext context)
    {
        var programme = new Option<string>("--programme") { Description = "The programme id, e.g. edge_of_care, steps, dv_perpetrator, sfsc.", Required = true };
        var places = new Option<double>("--places") { Description = "How many places (families, women or added places) to commission.", Required = true };
        var catalogue = new Option<FileInfo?>("--catalogue") { Description = "The programme catalogue. Default: rules/programmes.json of this installation." };
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of the figures." };
        places.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 100_000)
            {
                r.AddError("--places must be between 0 and 100,000");
            }
        });
        var command = new Command("impact", "What commissioning N places of a programme would cost and save a year: care entries prevented, incidents averted, gross, net and cashable savings, and the cost-neutral point.")
        {
            programme, places, catalogue, json,
        };
        command.SetAction(async (parse, _) =>
        {
            var path = parse.GetValue(catalogue)?.FullName ?? InstallLayout.Find().Programmes;
            ProgrammeCatalogue loaded;
            try
            {
                loaded = ProgrammeCatalogue.Load(path);
            }
            catch (CatalogueException e)
            {
                throw new UsageException($"--catalogue: {e.Problems[0]}");
            }

            var id = parse.GetValue(programme)!;
            var p = loaded.Find(id) ?? throw new UsageException($"--programme: '{id}' is not one of {string.Join(", ", loaded.Programmes.Select(x => x.Id))}");
            Impact impact;
            try
            {
                impact = ImpactCalculator.Estimate(p, loaded.CostModel, parse.GetValue(places));
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"--programme: {e.Message}");
            }

            await WriteAsync(context.Console.Out, p, impact, loaded.CostModel);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(impact, Json));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Pounds(double value) => value < 0
        ? "-" + Math.Abs(value).ToString("£#,##0", CultureInfo.InvariantCulture)
        : value.ToString("£#,##0", CultureInfo.InvariantCulture);

    private static async Task WriteAsync(TextWriter text, Programme p, Impact i, CostModel costs)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c, $"{p.Name}: {i.Places:#,##0.##} places at {Pounds(p.UnitCost!.Value)} per {Unit(p.CostUnit)}"));
        await text.WriteLineAsync($"  cost                     {Pounds(i.Cost)}");
        if (i.CareEntriesPrevented is { } prevented)
        {
            await text.WriteLineAsync(string.Create(c, $"  care entries prevented   {prevented:0.##} (at {Pounds(costs.LookedAfterChildYearCost)} a looked-after child a year)"));
        }

        if (i.IncidentsAverted is { } averted)
        {
            await text.WriteLineAsync(string.Create(c, $"  incidents averted        {averted:0.##} (at {Pounds(costs.DomesticAbuseIncidentCost)} each to social care)"));
        }

        if (i.HasEffect)
        {
            await text.WriteLineAsync($"  gross savings            {Pounds(i.GrossSavings)}");
            await text.WriteLineAsync($"  net savings              {Pounds(i.NetSavings)}");
            await text.WriteLineAsync(string.Create(c, $"  directly cashable        {Pounds(i.CashableSavings)} ({costs.CashableShareOfNet:0%} of net)"));
        }
        else
        {
            await text.WriteLineAsync("  savings                  not estimated: the report gives no effect for this programme");
        }

        var incidents = i.IncidentsAverted is null ? "" : string.Create(c, $", or {i.Cost / costs.DomesticAbuseIncidentCost:0.0} incidents averted");
        await text.WriteLineAsync(string.Create(c, $"  cost-neutral at          {i.CostNeutralCareEntries:0.00} care entries prevented ({i.CostNeutralShare:0.0%} of families served){incidents}"));
    }

    private static string Unit(CostUnit unit) => unit switch
    {
        CostUnit.Family => "family",
        CostUnit.Woman => "woman",
        _ => "added place",
    };
}
