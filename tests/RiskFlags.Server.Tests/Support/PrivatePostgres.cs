using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RiskFlags.Server.Tests.Support;

/// <summary>
/// A PostgreSQL server of one test's own, in a temporary folder on a free loopback port, which the
/// test may stop (as a crash would), start again or reconfigure without touching anyone else's
/// database. Made with the Debian server's initdb and pg_ctl (as the postgres user when the tests
/// run as root); skipped when they are not installed.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public static readonly string? Bin = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "pg_ctl"))).Order().LastOrDefault()
        : null;

    public const string SkipReason = "needs the PostgreSQL server binaries (apt-get install postgresql; .ci/run installs them)";

    private readonly TempFolder folder = new();
    private readonly string data;
    private bool running;

    private PrivatePostgres()
    {
        data = folder.File("pgdata");
        Port = FreePort();
    }

    public static bool Available => Bin is not null;

    public int Port { get; }

    public string ConnectionString(string database = "riskflags") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=15";

    public static async Task<PrivatePostgres> CreateAsync()
    {
        var server = new PrivatePostgres();
        Directory.CreateDirectory(server.data);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", $"postgres:postgres {server.data}", asPostgres: false);
        }

        await RunAsync(Path.Combine(Bin!, "initdb"), $"-D {server.data} -U postgres --auth=trust -E UTF8 --no-sync");
        await server.StartAsync();
        await RunAsync(Path.Combine(Bin!, "psql"), $"-h 127.0.0.1 -p {server.Port} -U postgres -d postgres -c \"CREATE DATABASE riskflags\"");
        return server;
    }

    /// <summary>Starts the server (again), waiting until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await RunAsync(Path.Combine(Bin!, "pg_ctl"), $"-D {data} -w -t 60 -o \"-p {Port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=on\" -l {data}/log start");
        running = true;
    }

    /// <summary>Stops the server at once, as a crash or a pulled plug would: committed work must survive it.</summary>
    public async Task CrashAsync()
    {
        await RunAsync(Path.Combine(Bin!, "pg_ctl"), $"-D {data} -w -m immediate stop");
        running = false;
    }

    public Task SqlAsync(string sql) =>
        RunAsync(Path.Combine(Bin!, "psql"), $"-h 127.0.0.1 -p {Port} -U postgres -d riskflags -v ON_ERROR_STOP=1 -c \"{sql}\"");

    public async ValueTask DisposeAsync()
    {
        if (running)
        {
            await CrashAsync();
        }

        folder.Dispose();
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres = true)
    {
        var root = Environment.UserName == "root";
        var start = asPostgres && root
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/tmp";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {arguments} exited {process.ExitCode}: {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
