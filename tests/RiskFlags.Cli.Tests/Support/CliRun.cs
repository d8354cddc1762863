namespace RiskFlags.Cli.Tests.Support;

/// <summary>Runs the riskflags command in-process and captures what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static Task<CliRun> RunAsync(params string[] args) => RunAtAsync(TimeProvider.System, args);

    /// <summary>Runs the command with its clock at the time given (retention cuts off from "now").</summary>
    public static async Task<CliRun> RunAtAsync(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RiskFlagsCli.RunAsync(args, new CliConsole(output, error, ErrorIsTerminal: false), time);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public string LastLine => Out.TrimEnd().Split('\n')[^1];
}
