using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Core.Forecast;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags forecast: the report's looked-after-children forecast, scenario by scenario, from rules/forecast.json.</summary>
internal static class ForecastCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliContext context)
    {
        var scenario = new Option<string>("--scenario") { Description = "A scenario's name (as in forecast.json, e.g. \"Rising LAC\") or all.", DefaultValueFactory = _ => "all" };
        var years = new Option<int>("--years") { Description = "Years after the base year.", DefaultValueFactory = _ => 10 };
        var population = new Option<FileInfo?>("--population") { Description = "A child population CSV (year,population) to use for every scenario instead of its own." };
        var definitions = new Option<FileInfo?>("--scenarios") { Description = "The scenario definitions. Default: rules/forecast.json of this installation." };
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of every scenario's inputs and years." };
        var db = StoreOption.Create();
        db.Description = "Also fit the non-UASC rate's trend to this store's own care episodes at each 31 March and forecast from it (nothing is read from a store without it).";
        years.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 50)
            {
                r.AddError("--years must be between 0 and 50");
            }
        });
        var command = new Command("forecast", "Looked-after children and their cost, year by year, under the report's four scenarios (child population x rate + UASC; weeks of care x weekly cost; non-placement costs).")
        {
            scenario, years, population, definitions, json, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var catalogue = Load(() => ForecastCatalogue.Load(parse.GetValue(definitions)?.FullName ?? InstallLayout.Find().Forecast), "--scenarios");
            var name = parse.GetValue(scenario)!;
            var chosen = name.Equals("all", StringComparison.OrdinalIgnoreCase)
                ? catalogue.Scenarios
                : [catalogue.Find(name) ?? throw new UsageException($"--scenario: '{name}' is not one of all, {string.Join(", ", catalogue.Scenarios.Select(s => s.Name))}")];
            var overridePath = parse.GetValue(population)?.FullName;
            var runs = chosen.Select(s => (Scenario: s, Years: Load(
                () => LookedAfterForecast.Run(s, catalogue.Population(s, overridePath), catalogue.BaseYear, parse.GetValue(years)),
                overridePath is null ? "--scenarios" : "--population"))).ToList();
            FittedRate? fitted = null;
            if (parse.GetValue(db) is { } connection)
            {
                var template = catalogue.Find("Rising LAC") ?? catalogue.Scenarios[0];
                var series = Load(() => catalogue.Population(template, overridePath), overridePath is null ? "--scenarios" : "--population");
                var store = StoreOption.Resolve(context, connection);
                await using var context_ = store.CreateContext();
                var data = await Data.LinkedDataStore.LoadIndexAsync(context_, cancellationToken);
                var own = Load(() => FittedScenario.From(data.Families, data.DataEnd, template, series, store.Describe(), parse.GetValue(years)), "--db");
                fitted = own.Fit;
                runs.Add((own.Scenario, own.Years));
                await WriteFitAsync(context.Console.Out, fitted);
            }

            foreach (var (s, rows) in runs)
            {
                await WriteAsync(context.Console.Out, s, rows, overridePath is null ? s.Population : Path.GetFileName(overridePath));
            }

            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    base_year = catalogue.BaseYear,
                    fitted_rate = fitted is null ? null : new
                    {
                        intercept = fitted.Intercept, slope = fitted.Slope, origin = fitted.Origin, residual_error = fitted.ResidualError,
                        points = fitted.Points.Select(p => new { as_of = p.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), looked_after = p.LookedAfter, child_population = p.ChildPopulation, rate = p.Rate, fitted = p.Fitted, residual = p.Residual }),
                    },
                    scenarios = runs.Select(r => new
                    {
                        name = r.Scenario.Name,
                        inputs = new
                        {
                            description = r.Scenario.Description, population = overridePath is null ? r.Scenario.Population : Path.GetFileName(overridePath),
                            rate = r.Scenario.Rate, rate_described = r.Scenario.Rate.Describe(), uasc = r.Scenario.Uasc, weeks_of_care = r.Scenario.WeeksOfCare, weekly_placement_cost = r.Scenario.WeeklyPlacementCost,
                            non_placement_share = r.Scenario.NonPlacementShare, non_placement_fixed = r.Scenario.NonPlacementFixed,
                        },
                        years = r.Years.Select(y => new
                        {
                            year = y.Year, child_population = y.ChildPopulation, rate = y.Rate, looked_after = y.LookedAfter, weeks_of_care = y.WeeksOfCare,
                            placement_cost = y.PlacementCost, non_placement_cost = y.NonPlacementCost, total_cost = y.TotalCost,
                            change = y.LookedAfterChange, cost_change = y.CostChange,
                        }),
                    }),
                }, Json));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static T Load<T>(Func<T> load, string option)
    {
        try
        {
            return load();
        }
        catch (ForecastException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }

    private static async Task WriteFitAsync(TextWriter text, FittedRate fit)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c, $"The store's own non-UASC rate per 10,000: fitted {fit.Intercept:0.##} + {fit.Slope:0.##} ln(year - {fit.Origin}), residual error {fit.ResidualError:0.##}"));
        await text.WriteLineAsync("  31 March    looked after  children  rate /10k  fitted  residual");
        foreach (var p in fit.Points)
        {
            await text.WriteLineAsync(string.Create(c, $"  {p.AsOf:yyyy-MM-dd}  {p.LookedAfter,12:N0}  {p.ChildPopulation,8:#,##0}  {p.Rate,9:0.0}  {p.Fitted,6:0.0}  {p.Residual,8:+0.0;-0.0;0.0}"));
        }

        await text.WriteLineAsync();
    }

    private static async Task WriteAsync(TextWriter text, ForecastScenario s, IReadOnlyList<ForecastYear> rows, string population)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync($"{s.Name}: {s.Description}");
        await text.WriteLineAsync(string.Create(c, $"  inputs: population from {population}; non-UASC rate {s.Rate.Describe()}; UASC {s.Uasc:0.#}; {s.WeeksOfCare:0.#} weeks of care a year at {ImpactCommand.Pounds(s.WeeklyPlacementCost)} a week; non-placement {(s.NonPlacementFixed is { } f ? ImpactCommand.Pounds(f) + " a year" : $"{s.NonPlacementShare * 100:0.#}% of the total")}"));
        await text.WriteLineAsync("  year  children  rate /10k  looked after  weeks of care  placement cost  non-placement       total  change  cost change");
        foreach (var y in rows)
        {
            await text.WriteLineAsync(string.Create(c,
                $"  {y.Year}  {y.ChildPopulation,8:#,##0}  {y.Rate,9:0.0}  {y.LookedAfter,12:0.0}  {y.WeeksOfCare,13:#,##0}  {ImpactCommand.Pounds(y.PlacementCost),14}  {ImpactCommand.Pounds(y.NonPlacementCost),13}  {ImpactCommand.Pounds(y.TotalCost),10}  {y.LookedAfterChange,6:+0.0%;-0.0%;0.0%}  {ImpactCommand.Pounds(y.TotalCost - rows[0].TotalCost),11}"));
        }

        await text.WriteLineAsync();
    }
}
