using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Hosting;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags capacity: the capacity gap of every programme from the store, priced by the cost model.</summary>
internal static class CapacityCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliContext context)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Assess the cohort as of this date (YYYY-MM-DD). Default: the date the store's data run to." };
        var db = StoreOption.Create();
        var model = new Option<FileInfo?>("--model") { Description = "The model to score with. Default: the store's published model (as the server scores), else models/riskflags.zip of this installation." };
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of the table." };
        var rulesFolder = new Option<DirectoryInfo?>("--rules") { Description = "The rules folder (rule workflows and programmes.json). Default: rules/ of this installation." };
        var nextYear = new Option<bool>("--next-year") { Description = "Add the places needed next year: each programme's flagged demand at the last five 31 Marches, projected a year on (as riskflags demand)." };
        var command = new Command("capacity", "Each programme's places against demand (enrolled + waiting + flagged and not yet referred), the expected wait, and what closing the gap would cost and save.")
        {
            asOf, db, model, json, rulesFolder, nextYear,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = StoreOption.Resolve(context, parse.GetValue(db));
            await store.MigrateAsync(cancellationToken);
            await using var context_ = store.CreateContext();
            var layout = InstallLayout.Find();
            var riskModel = await PublishedOrGivenModel.LoadAsync(parse.GetValue(model), store, context, cancellationToken);
            var rules = Core.Rules.RuleSetLoader.Load(parse.GetValue(rulesFolder)?.FullName ?? layout.Rules);
            var (catalogue, _) = await CapacityStore.CatalogueAsync(context_, layout.Programmes, context.Time, cancellationToken);
            var data = await LinkedDataStore.LoadIndexAsync(context_, cancellationToken);
            var date = parse.GetValue(asOf) is { } text ? DataSource.ParseDates(text)[0] : data.DataEnd ?? DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
            var year = CapacityStore.ProgrammeYear(context.Time.GetUtcNow());
            var cohort = new FamilyAssessor(riskModel, rules).AssessMany(data.Families, date).ToList();
            var gaps = CapacityReport.Build(
                catalogue,
                cohort,
                await CapacityStore.UptakeAsync(context_, year, cancellationToken),
                await ReferralStore.BookAsync(context_, cancellationToken));

            await WriteAsync(context.Console.Out, gaps, date, store);
            var needed = new Dictionary<string, Core.Forecast.DemandPoint?>(StringComparer.Ordinal);
            if (parse.GetValue(nextYear) && data.DataEnd is { } end)
            {
                var forecasts = Core.Forecast.DemandHistory.Forecast(new FamilyAssessor(riskModel, rules), data.Families, end, 5, 1,
                    [.. gaps.Select(g => g.Programme.Id)], DemandCommand.Population(null, layout));
                foreach (var f in forecasts)
                {
                    needed[f.Programme] = f.NextYear;
                    await context.Console.Out.WriteLineAsync(f.NextYear is { } n
                        ? string.Create(CultureInfo.InvariantCulture, $"{f.Programme,-20} places needed next year ({n.AsOf:yyyy}): {n.Demand:0}{(n.Low is { } low ? $" ({low:0}-{n.High:0})" : "")}")
                        : $"{f.Programme,-20} places needed next year: not known");
                }
            }

            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    as_of = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    programme_year = year,
                    cohort = cohort.Count(a => a.InCohort),
                    flagged = cohort.Count(a => a.Suggested.Count > 0),
                    programmes = gaps.Select(g => new
                    {
                        id = g.Programme.Id, places = g.Places, enrolled = g.Enrolled, waiting = g.Waiting, flagged_not_referred = g.FlaggedNotReferred,
                        demand = g.Demand, gap = g.Gap, expected_wait_weeks = g.ExpectedWaitWeeks,
                        offers = g.Offers.Select(o => o.Candidate.FamilyId),
                        marginal = g.Marginal.Places.Select(m => new { place = m.Place, family_id = m.FamilyId, enrolled = m.Enrolled, expected_benefit = m.ExpectedBenefit, expected_saving = m.ExpectedSaving, cost = m.Cost }),
                        optimal_places = g.Marginal.OptimalPlaces,
                        cost_to_optimum = g.Marginal.CostToOptimum,
                        saving_to_optimum = g.Marginal.SavingToOptimum,
                        report_method = new { closing_the_gap = g.ClosingTheGap, not_priced = g.NotPriced },
                        places_needed_next_year = needed.GetValueOrDefault(g.Programme.Id) is { } n
                            ? new { as_of = n.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), demand = n.Demand, low = n.Low, high = n.High }
                            : null,
                    }),
                }, Json));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter text, IReadOnlyList<CapacityGap> gaps, DateOnly asOf, StoreConnection store)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c, $"Capacity as of {asOf:yyyy-MM-dd} ({store.Describe()})"));
        await text.WriteLineAsync("programme            places  enrolled  waiting  flagged  demand      gap  wait (weeks)  cost to close  net savings");
        foreach (var g in gaps)
        {
            var wait = g.ExpectedWaitWeeks is { } w ? w.ToString("0.0", c) : "no places";
            var gap = g.Gap < 0 ? string.Create(c, $"{-g.Gap:0.#} spare") : g.Gap.ToString("0.#", c);
            var cost = g.ClosingTheGap is { } close ? ImpactCommand.Pounds(close.Cost) : g.Gap > 0 ? "not costed" : "-";
            var net = g.ClosingTheGap is { HasEffect: true } effect ? ImpactCommand.Pounds(effect.NetSavings) : g.ClosingTheGap is null ? "-" : "not estimated";
            await text.WriteLineAsync(string.Create(c,
                $"{g.Programme.Id,-20} {g.Places,6:0.#} {g.Enrolled,9} {g.Waiting,8} {g.FlaggedNotReferred,8} {g.Demand,7} {gap,8} {wait,13} {cost,14} {net,12}"));
        }
    }
}
