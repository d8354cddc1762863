using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RiskFlags.Server.Tests.Support;

/// <summary>
/// The server as its own process, started as an operator starts it (dotnet RiskFlags.Server.dll), on
/// free loopback ports. Waits for signals, never for time: the log line saying it listens, or its exit.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];

    /// <param name="environment">Settings; "{port}" in a Kestrel endpoint's value stands for that endpoint's free port.</param>
    public ServerProcess(IDictionary<string, string> environment)
    {
        GrpcPort = FreePort();
        HttpPort = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "RiskFlags.Server.dll")}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GrpcPort}";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{HttpPort}";
        start.Environment["RiskFlags__LogFormat"] = "text";
        foreach (var (key, value) in environment)
        {
            var port = key.Contains("Grpc", StringComparison.Ordinal) ? GrpcPort : HttpPort;
            start.Environment[key] = value.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Completes when the server says it listens; fails if it exits first.</summary>
    public async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var exited = process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(listening.Task, exited) != listening.Task)
        {
            throw new InvalidOperationException($"the server exited ({process.ExitCode}) before listening:\n{Output}");
        }
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been printed (at once if one was); fails if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            if (output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            waiters.Add((text, seen));
        }

        var exited = process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(seen.Task, exited) != seen.Task)
        {
            throw new InvalidOperationException($"the server exited before printing '{text}':\n{Output}");
        }
    }

    /// <summary>The exit code, once the process has ended by itself.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            foreach (var waiter in waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                waiters.Remove(waiter);
            }
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal) && line.Contains(HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
