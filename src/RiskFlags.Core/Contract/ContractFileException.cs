namespace RiskFlags.Core.Contract;

/// <summary>A whole file cannot be read: missing, unreadable, or without a required column.</summary>
public sealed class ContractFileException(string file, string message, Exception? inner = null)
    : Exception($"{file}: {message}", inner)
{
    public string File { get; } = file;
}
