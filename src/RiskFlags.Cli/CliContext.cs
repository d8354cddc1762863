using Microsoft.Extensions.Configuration;

namespace RiskFlags.Cli;

/// <summary>What every verb needs: the console, the clock, the logger and configuration.</summary>
/// <param name="ServerHandler">How calls to the server are sent (tests: an in-process server); null: over the network.</param>
public sealed record CliContext(CliConsole Console, TimeProvider Time, Serilog.ILogger Logger, IConfiguration Configuration, HttpMessageHandler? ServerHandler = null);
