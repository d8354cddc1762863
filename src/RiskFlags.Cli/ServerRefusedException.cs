namespace RiskFlags.Cli;

/// <summary>The server answered a call with a refusal; its message names what was wrong.</summary>
public sealed class ServerRefusedException(string message) : Exception(message);
