using RiskFlags.Core.DemoData;
using RiskFlags.Core.Hosting;

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

    /// <summary>
    /// When the store is empty on start, load this many demo families into it (0, the default: start
    /// empty). Only in Development: any other environment refuses to start with it set.
    /// </summary>
    public int DemoFamilies { get; set; }

    public int DemoSeed { get; set; } = DemoDataOptions.DefaultSeed;

    /// <summary>
    /// Set (to the reason) to publish the configured model as `system` at start when it is not the
    /// registry's live model: for an upgrade whose shipped model replaces one this build cannot load.
    /// Unset, the registry's model is what scores, and the configured one only fills an empty registry.
    /// </summary>
    public string? PublishConfiguredModel { get; set; }

    /// <summary>"json" (one object a line, for a log collector; the default) or "text" (for a developer's terminal).</summary>
    public string LogFormat { get; set; } = "json";

    /// <summary>The programme catalogue's shipped defaults; always the rules folder's programmes.json.</summary>
    public string ProgrammesPath => Path.Combine(RulesPath ?? "rules", InstallLayout.ProgrammesFileName);

    /// <summary>Fills the paths not configured from the installation's layout.</summary>
    public void ResolvePaths(InstallLayout layout)
    {
        Root ??= layout.Root;
        RulesPath = Path.GetFullPath(RulesPath ?? layout.Rules);
        ModelPath = Path.GetFullPath(ModelPath ?? layout.Model);
    }

    /// <summary>
    /// Production refuses to listen on plain HTTP on an address other than loopback, since API keys and
    /// tokens would cross the network in clear; set this when TLS is ended in front of the server (a
    /// reverse proxy or ingress), or give the endpoint an https:// URL and a Certificate.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>Failed sign-ins one address may make in a minute before every sign-in from it is refused for the rest of it.</summary>
    public int FailedSignInsPerMinute { get; set; } = 20;

    /// <summary>Which claims of a council's bearer token name the caller and carry the roles.</summary>
    public JwtClaimsOptions Jwt { get; set; } = new();
}
