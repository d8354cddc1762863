using System.Net.Sockets;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Server.Hosting;

/// <summary>Turns what stopped the server from starting into the one line its operator reads.</summary>
public static class StartupFailure
{
    /// <returns>The reason, or null for the test host's own signal to stop building (which must pass through).</returns>
    public static string? Explain(Exception e) => e switch
    {
        HostAbortedException => null,
        AggregateException { InnerExceptions.Count: 1 } one => Explain(one.InnerExceptions[0]),
        StartupException or ModelLoadException => e.Message,
        OptionsValidationException options => $"configuration: {string.Join("; ", options.Failures)}",
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } or
            IOException when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
            => $"cannot listen: {e.Message} (another process has the port; set Kestrel:Endpoints:*:Url)",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
