using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using RiskFlags.Core.Returns;

namespace RiskFlags.Bench;

/// <summary>
/// riskflags convert --from ssda903 over a synthetic 903 return of many children (seeded; one to four
/// episodes each, some periods still open), beside only reading the same CSV bytes with the same parser:
/// episodes per second, and the ratio. The answer is checked: one care episode per period written.
/// </summary>
internal static class ConvertBench
{
    private static readonly string[] Files = ["header.csv", "episodes.csv"];

    public static void Run(int children)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"riskflags-903-{children}");
        Directory.CreateDirectory(folder);
        var (episodes, periods) = WriteReturn(folder, children);
        var output = Path.Combine(folder, "out");
        var bytes = new FileInfo(Path.Combine(folder, "episodes.csv")).Length + new FileInfo(Path.Combine(folder, "header.csv")).Length;
        Console.WriteLine($"{children:N0} children, {episodes:N0} episodes in {periods:N0} periods ({bytes / 1e6:N1} MB of CSV)\n");

        var read = Seconds(() =>
        {
            foreach (var file in Files)
            {
                using var reader = new StreamReader(Path.Combine(folder, file));
                using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
                while (csv.Read())
                {
                }
            }
        });
        Ssda903Conversion? result = null;
        var convert = Seconds(() => result = Ssda903Converter.Convert(folder, output));
        if (result!.Periods != periods || result.Rejected.Count != 0)
        {
            throw new InvalidOperationException($"wrong answer: {result.Periods} periods written, {result.Rejected.Count} rejected, {periods} expected");
        }

        Console.WriteLine("| step | seconds | episodes/s | ratio |\n|---|---:|---:|---:|");
        Console.WriteLine($"| baseline: read the CSV bytes (CsvHelper's parser) | {read:N2} | {episodes / read:N0} | 1.00 |");
        Console.WriteLine($"| convert: validate, join into periods, write the contract CSVs | {convert:N2} | {episodes / convert:N0} | {convert / read:N1} |");
        Directory.Delete(folder, recursive: true);
    }

    private static (int Episodes, int Periods) WriteReturn(string folder, int children)
    {
        var random = new Random(903);
        var header = new StringBuilder("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
        var episodes = new StringBuilder("YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
        string[] statuses = ["C1", "C2", "V2", "E1", "L1"];
        string[] ends = ["E4A", "E11", "E45", "E13", "E17"];
        int count = 0, periods = 0;
        for (var i = 0; i < children; i++)
        {
            var birth = new DateOnly(2006, 1, 1).AddDays(random.Next(0, 17 * 365));
            header.Append(CultureInfo.InvariantCulture, $"{100000 + i},{(random.Next(2) == 0 ? "1" : "2")},{birth:dd/MM/yyyy},WBRI,,,\n");
            var start = new DateOnly(2021, 4, 1).AddDays(random.Next(0, 900));
            var changes = random.Next(1, 5);
            periods++;
            for (var e = 0; e < changes; e++)
            {
                var last = e == changes - 1;
                var end = start.AddDays(random.Next(20, 200));
                var open = last && random.Next(3) == 0;
                episodes.Append(CultureInfo.InvariantCulture,
                    $"2025,{100000 + i},{start:dd/MM/yyyy},{(e == 0 ? "S" : "P")},{statuses[random.Next(statuses.Length)]},N1,U1,PR1,{(open ? "" : end.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))},{(open ? "" : last ? ends[random.Next(ends.Length)] : "X1")},,,,\n");
                count++;
                start = end;
            }
        }

        File.WriteAllText(Path.Combine(folder, "header.csv"), header.ToString());
        File.WriteAllText(Path.Combine(folder, "episodes.csv"), episodes.ToString());
        return (count, periods);
    }

    private static double Seconds(Action work)
    {
        var watch = Stopwatch.StartNew();
        work();
        return watch.Elapsed.TotalSeconds;
    }
}
