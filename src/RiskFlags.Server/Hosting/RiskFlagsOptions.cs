using RiskFlags.Core.DemoData;

namespace RiskFlags.Server.Hosting;

/// <summary>The server's settings, bound from the "RiskFlags" section.</summary>
public sealed class RiskFlagsOptions
{
    public const string Section = "RiskFlags";

    /// <summary>Where rules/ and models/ are (and data/ for the embedded store); default: found by walking up from the app.</summary>
    public string? Root { get; set; }

    /// <summary>The rules folder; default: Root/rules.</summary>
    public string? RulesPath { get; set; }

    /// <summary>The model file; default: Root/models/riskflags.zip.</summary>
    public string? ModelPath { get; set; }

    /// <summary>When the store is empty on start, load this many demo families into it (0: start empty).</summary>
    public int DemoFamilies { get; set; } = DemoDataOptions.DefaultFamilies;

    public int DemoSeed { get; set; } = DemoDataOptions.DefaultSeed;

    /// <summary>"json" (one object a line, for a log collector; the default) or "text" (for a developer's terminal).</summary>
    public string LogFormat { get; set; } = "json";
}
