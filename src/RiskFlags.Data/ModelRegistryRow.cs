namespace RiskFlags.Data;

/// <summary>
/// One publication in the model registry: which model went live, who put it there, when and why,
/// with its card and how it compared with the model it replaced. The newest row is the live model;
/// rows are never changed or deleted, so the registry is the model's history.
/// </summary>
public sealed class ModelRegistryRow
{
    public const string Published = "publish";
    public const string RolledBack = "rollback";

    /// <summary>The caller recorded when a store's empty registry receives the installation's shipped model.</summary>
    public const string System = "system";

    public long Id { get; set; }

    /// <summary>The model file's hash, as every assessment records it.</summary>
    public required string Version { get; set; }

    /// <summary><see cref="Published"/> or <see cref="RolledBack"/>.</summary>
    public required string Action { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public required string PublishedBy { get; set; }

    public required string Role { get; set; }

    public required string Reason { get; set; }

    /// <summary>The version live before this row; null for the registry's first row.</summary>
    public string? PreviousVersion { get; set; }

    /// <summary>The model file itself, so every replica loads the same bytes from the store, whatever its disk holds.</summary>
    public required byte[] Model { get; set; }

    public string? CardJson { get; set; }

    public string? CardMarkdown { get; set; }

    /// <summary>Every card figure of the previous model and this one on the same families (JSON); null when there was none to compare.</summary>
    public string? Comparison { get; set; }

    /// <summary>What the comparison was made on, or why none was made.</summary>
    public string? ComparisonDetail { get; set; }
}
