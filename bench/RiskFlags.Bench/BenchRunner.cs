using System.Diagnostics;
using System.Globalization;
using RiskFlags.Core.DemoData;

namespace RiskFlags.Bench;

/// <summary>
/// dotnet run -c Release --project bench/RiskFlags.Bench -- VERB [--families N]
/// Verbs: import and facts (default 100,000 demo families), rules (1,000,000 random families), model (260,000 demo families), assess (20,000 demo families). Data sets are generated once under bench/out/ and reused.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault() ?? "";
        Console.WriteLine($"# {verb}, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        switch (verb)
        {
            case "import":
                await ImportBench.RunAsync(DemoSet(Option(args, "--families", 100_000)));
                return 0;
            case "facts":
                FactsBench.Run(DemoSet(Option(args, "--families", 100_000)));
                return 0;
            case "convert":
                ConvertBench.Run(Option(args, "--children", 100_000));
                return 0;
            case "uncertainty":
                UncertaintyBench.Run(DemoSet(Option(args, "--families", 26_000)));
                return 0;
            case "model":
                ModelBench.Run(DemoSet(Option(args, "--families", 260_000)));
                return 0;
            case "assess":
                await AssessBench.RunAsync(DemoSet(Option(args, "--families", 20_000)));
                return 0;
            case "cohort":
                await CohortBench.RunAsync(Value(args, "--db") ?? throw new ArgumentException("cohort needs --db CONNECTION"), DateOnly.Parse(Value(args, "--as-of") ?? "2024-03-31", System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "allocation":
                await AllocationBench.RunAsync(Value(args, "--db") ?? throw new ArgumentException("allocation needs --db CONNECTION"), DateOnly.Parse(Value(args, "--as-of") ?? "2024-03-31", System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "rules":
                await RulesBench.RunAsync(Option(args, "--families", 1_000_000));
                return 0;
            default:
                Console.Error.WriteLine("usage: RiskFlags.Bench import|facts|rules|model|assess|uncertainty [--families N] | convert [--children N] | cohort|allocation --db CONNECTION [--as-of DATE]");
                return 2;
        }
    }

    /// <summary>A demo data set of the given size under bench/out/, written once.</summary>
    public static string DemoSet(int families)
    {
        var folder = Path.Combine(OutFolder(), $"demo-{families}");
        if (!File.Exists(Path.Combine(folder, DemoDataGenerator.TruthFile)))
        {
            DemoDataGenerator.Write(new DemoDataOptions { Families = families, Seed = 42 }, folder);
        }

        return folder;
    }

    public static string OutFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RiskFlags.Bench.csproj")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.Parent?.FullName ?? Directory.GetCurrentDirectory(), "out");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs <paramref name="work"/> and returns items per second.</summary>
    public static double Rate(long items, Action work)
    {
        var watch = Stopwatch.StartNew();
        work();
        return items / watch.Elapsed.TotalSeconds;
    }

    public static void Row(string what, double perSecond, double baseline, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what,-58} | {perSecond,12:N0} {unit}/s | {perSecond / baseline,6:F2} |"));

    public static void Header(string baselineName) =>
        Console.WriteLine($"| measured (ratio = figure / {baselineName}) | throughput | ratio |\n|---|---:|---:|");

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
