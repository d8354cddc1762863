namespace RiskFlags.Cli;

/// <summary>A problem with how a command was called, reported with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
