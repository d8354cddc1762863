using Spectre.Console;

namespace RiskFlags.Cli.Commands;

/// <summary>
/// A progress bar on stderr when it is a terminal; nothing otherwise (logs, pipes and tests stay clean).
/// </summary>
internal static class TerminalProgress
{
    public static async Task<T> RunAsync<T>(CliConsole console, Func<Action<string, double, double>?, Task<T>> work)
    {
        if (!console.ErrorIsTerminal)
        {
            return await work(null);
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        return await terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                return await work((name, done, total) =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(name, out var task))
                        {
                            tasks[name] = task = progress.AddTask(name, maxValue: Math.Max(total, 1));
                        }

                        task.Value = done;
                    }
                });
            });
    }
}
