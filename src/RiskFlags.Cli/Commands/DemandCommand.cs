using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Forecast;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags demand: each programme's flagged demand at past 31 Marches and its projection, for next year's places.</summary>
internal static class DemandCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliContext context)
    {
        var source = new DataSource();
        var history = new Option<int>("--history") { Description = "How many past 31 Marches to count, up to the data's end.", DefaultValueFactory = _ => 5 };
        var years = new Option<int>("--years") { Description = "Years to project.", DefaultValueFactory = _ => 3 };
        var population = new Option<FileInfo?>("--population") { Description = "A child population CSV (year,population) for the growth. Default: rules/population-shma.csv." };
        var model = new Option<FileInfo?>("--model") { Description = "The model file (.zip). Default: with --db, the store's published model (as the server scores), else the shipped model of this installation." };
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of the figures." };
        history.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 20)
            {
                r.AddError("--history must be between 1 and 20");
            }
        });
        years.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10)
            {
                r.AddError("--years must be between 1 and 10");
            }
        });
        var command = new Command("demand", "Each programme's flagged demand at past 31 Marches (today's rules and model on the records as they stood) and a projection with its 95% interval: the places needed next year.")
        {
            history, years, population, model, json,
        };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var layout = InstallLayout.Find();
            var riskModel = await PublishedOrGivenModel.LoadAsync(parse.GetValue(model), source.Store(parse, context), context, cancellationToken);
            var (rules, programmes) = source.LoadRules(parse);
            var series = Population(parse.GetValue(population), layout);

            var (data, description, _) = await source.LoadAsync(parse, context, cancellationToken);
            var end = data.DataEnd ?? throw new UsageException("the data hold no events, so there is no 31 March to count at");
            var forecasts = DemandHistory.Forecast(new FamilyAssessor(riskModel, rules), data.Families, end, parse.GetValue(history), parse.GetValue(years),
                [.. programmes.Programmes.Select(p => p.Id)], series);
            await WriteAsync(context.Console.Out, forecasts, programmes.Programmes.ToDictionary(p => p.Id, p => p.PlacesPerYear), description);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    population = series.Source,
                    programmes = forecasts.Select(f => new
                    {
                        id = f.Programme,
                        points = f.Points.Select(p => new { as_of = p.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), demand = p.Demand, projected = p.Projected, low = p.Low, high = p.High }),
                        next_year = f.NextYear?.Demand,
                    }),
                }, Json));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The child population whose growth scales a demand projection: the file given, else the shipped SHMA series.</summary>
    internal static PopulationSeries Population(FileInfo? file, InstallLayout layout)
    {
        try
        {
            return PopulationSeries.Load(file?.FullName ?? Path.Combine(layout.Rules, "population-shma.csv"));
        }
        catch (ForecastException e)
        {
            throw new UsageException($"--population: {e.Message}");
        }
    }

    private static async Task WriteAsync(TextWriter text, IReadOnlyList<ProgrammeDemandForecast> forecasts, Dictionary<string, double> places, string description)
    {
        var c = CultureInfo.InvariantCulture;
        var dates = forecasts[0].Points.Select(p => p.AsOf.Year.ToString(c) + (p.Projected ? "*" : "")).ToList();
        await text.WriteLineAsync($"Flagged demand at each 31 March ({description}); * projected, with its 95% interval");
        await text.WriteLineAsync($"{"programme",-20} {"places",7} " + string.Join(" ", dates.Select(d => $"{d,16}")));
        foreach (var f in forecasts)
        {
            var cells = f.Points.Select(p => p.Projected
                ? string.Create(c, $"{p.Demand:0}{(p.Low is { } low ? $" ({low:0}-{p.High:0})" : "")}")
                : p.Demand.ToString("0", c));
            await text.WriteLineAsync(string.Create(c, $"{f.Programme,-20} {places[f.Programme],7:0.#} ") + string.Join(" ", cells.Select(x => $"{x,16}")));
        }
    }
}
