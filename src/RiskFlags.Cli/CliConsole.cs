namespace RiskFlags.Cli;

/// <summary>Where a command writes: results to Out, messages and progress to Error. Tests pass string writers.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
