using System.Diagnostics;

namespace RiskFlags.Server.Tests.Support;

/// <summary>Runs another program (Python, Node) to completion and returns what it printed.</summary>
public static class ExternalProcess
{
    public static (int ExitCode, string Output, string Error) Run(string file, string arguments, string? workingDirectory = null, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", $"{file} could not be started: {e.Message}");
        }
    }
}
