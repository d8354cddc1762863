using System.Globalization;

namespace RiskFlags.Load;

/// <summary>What to run: where, as whom, how many streams for how long, which calls in which shares, over how many families.</summary>
public sealed record LoadOptions
{
    public string Target { get; init; } = "http://127.0.0.1:5081";

    public string Key { get; init; } = "dev-admin";

    public int Streams { get; init; } = 50;

    public int Seconds { get; init; } = 60;

    public int ReportSeconds { get; init; } = 60;

    /// <summary>Demo family ids F000001 to this one are asked about, in random order.</summary>
    public int Families { get; init; } = 20_000;

    public Mix Mix { get; init; } = Mix.Soak;

    /// <summary>The server's process id, for its resident memory each minute; none: not reported.</summary>
    public int? ServerPid { get; init; }

    public int Seed { get; init; } = 1;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--target" => options with { Target = Next() },
                "--key" => options with { Key = Next() },
                "--streams" => options with { Streams = Int() },
                "--seconds" => options with { Seconds = Int() },
                "--report-seconds" => options with { ReportSeconds = Int() },
                "--families" => options with { Families = Int() },
                "--server-pid" => options with { ServerPid = Int() },
                "--seed" => options with { Seed = Int() },
                "--mix" => options with { Mix = Enum.Parse<Mix>(Next(), ignoreCase: true) },
                _ => throw new ArgumentException($"unknown option {args[i]}; see bench/README.md"),
            };
        }

        return options;
    }
}

/// <summary>Which calls a run makes.</summary>
public enum Mix
{
    /// <summary>What a council's day looks like: assessments mostly, with decisions, cohort pages and partner feeds.</summary>
    Soak,

    /// <summary>AssessFamily only.</summary>
    Assess,

    /// <summary>The gRPC health check only: the framework's floor.</summary>
    Health,
}
