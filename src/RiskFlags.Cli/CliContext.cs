using Microsoft.Extensions.Configuration;

namespace RiskFlags.Cli;

/// <summary>What every verb needs: the console, the clock, the logger and configuration.</summary>
public sealed record CliContext(CliConsole Console, TimeProvider Time, Serilog.ILogger Logger, IConfiguration Configuration);
