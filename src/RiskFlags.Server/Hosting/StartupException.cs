namespace RiskFlags.Server.Hosting;

/// <summary>The server will not start, for a reason its operator can act on; Program prints the message alone and exits 1.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
