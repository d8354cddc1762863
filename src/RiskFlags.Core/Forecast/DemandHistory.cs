using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Forecast;

/// <summary>
/// Each programme's flagged demand at past 31 Marches: the cohort families its pathway rules suggest
/// it for, the records as they stood on each date, assessed with today's rules and model.
/// </summary>
public static class DemandHistory
{
    /// <summary>The last <paramref name="count"/> 31 Marches on or before the data's end, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Dates(DateOnly dataEnd, int count)
    {
        var last = new DateOnly(dataEnd.Month >= 4 || (dataEnd.Month == 3 && dataEnd.Day == 31) ? dataEnd.Year : dataEnd.Year - 1, 3, 31);
        return [.. Enumerable.Range(0, count).Select(i => last.AddYears(i - count + 1))];
    }

    /// <summary>Every programme's demand at the last <paramref name="history"/> 31 Marches up to <paramref name="dataEnd"/>, projected <paramref name="years"/> on with the population's growth.</summary>
    public static IReadOnlyList<ProgrammeDemandForecast> Forecast(
        FamilyAssessor assessor, IReadOnlyList<FamilyHistory> families, DateOnly dataEnd, int history, int years, IReadOnlyList<string> programmes, PopulationSeries population)
    {
        var dates = Dates(dataEnd, history);
        var counts = Count(assessor, families, dates, programmes);
        return [.. programmes.Select(p => ProgrammeDemandForecast.Project(p, counts[p], years, population.GrowthFrom(dates[^1].Year)))];
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<(DateOnly AsOf, int Demand)>> Count(
        FamilyAssessor assessor, IReadOnlyList<FamilyHistory> families, IReadOnlyList<DateOnly> dates, IEnumerable<string> programmes)
    {
        var counts = programmes.ToDictionary(p => p, _ => new List<(DateOnly, int)>(), StringComparer.Ordinal);
        foreach (var date in dates)
        {
            var perProgramme = assessor.AssessMany(families, date)
                .SelectMany(a => a.Suggested.Select(s => (a.FamilyId, s.Programme)).Distinct())
                .GroupBy(p => p.Programme)
                .ToDictionary(g => g.Key, g => g.Count());
            foreach (var (programme, list) in counts)
            {
                list.Add((date, perProgramme.GetValueOrDefault(programme)));
            }
        }

        return counts.ToDictionary(c => c.Key, c => (IReadOnlyList<(DateOnly, int)>)c.Value, StringComparer.Ordinal);
    }
}
