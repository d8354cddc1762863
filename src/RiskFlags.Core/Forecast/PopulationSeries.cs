using System.Globalization;

namespace RiskFlags.Core.Forecast;

/// <summary>A child population (0-17) by year, read from a CSV of year,population: one row a year, no gaps.</summary>
public sealed class PopulationSeries
{
    private readonly SortedDictionary<int, double> byYear;

    public PopulationSeries(IEnumerable<(int Year, double Population)> years) => byYear = new(years.ToDictionary(y => y.Year, y => y.Population));

    public string Source { get; private init; } = "";

    public int FirstYear => byYear.Keys.First();

    public int LastYear => byYear.Keys.Last();

    /// <exception cref="ForecastException">The year is not in the series.</exception>
    public double In(int year) => byYear.TryGetValue(year, out var population)
        ? population
        : throw new ForecastException($"{Source}: no population for {year} (the series runs {FirstYear}-{LastYear})");

    /// <summary>A year's population over <paramref name="fromYear"/>'s; 1 (no growth) for a year the series does not hold.</summary>
    public Func<int, double> GrowthFrom(int fromYear) => year =>
        byYear.TryGetValue(year, out var then) && byYear.TryGetValue(fromYear, out var from) ? then / from : 1;

    /// <exception cref="ForecastException">The file is missing or a line is not a year and a population; the message names file:line.</exception>
    public static PopulationSeries Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ForecastException($"{path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message)}");
        }

        var name = Path.GetFileName(path);
        if (lines.Length == 0 || !lines[0].Trim().TrimStart('\uFEFF').Equals("year,population", StringComparison.OrdinalIgnoreCase))
        {
            throw new ForecastException($"{name}:1: the header must be 'year,population', not '{Contract.ContractFields.Shorten(lines.FirstOrDefault() ?? "")}'");
        }

        var years = new List<(int, double)>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 2 || !int.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2200)
            {
                throw new ForecastException($"{name}:{i + 1}: '{Contract.ContractFields.Shorten(line)}' is not a year (1900-2200) and a population");
            }

            if (!double.TryParse(fields[1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var population) || !double.IsFinite(population) || population <= 0)
            {
                throw new ForecastException($"{name}:{i + 1}: population '{Contract.ContractFields.Shorten(fields[1].Trim())}' is not a positive number");
            }

            if (years.Count > 0 && year != years[^1].Item1 + 1)
            {
                throw new ForecastException($"{name}:{i + 1}: {year} follows {years[^1].Item1}: one row a year, in order, with no year missing");
            }

            years.Add((year, population));
        }

        return years.Count == 0
            ? throw new ForecastException($"{name}: no years")
            : new PopulationSeries(years) { Source = name };
    }
}
