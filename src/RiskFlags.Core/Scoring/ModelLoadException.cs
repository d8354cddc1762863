namespace RiskFlags.Core.Scoring;

/// <summary>A model that cannot be used: the message says which file and why.</summary>
public sealed class ModelLoadException(string path, string reason, Exception? inner = null)
    : Exception($"{Path.GetFileName(path)}: {reason}", inner)
{
    public string Reason { get; } = reason;
}
