namespace RiskFlags.Core.Rules;

/// <summary>The names rules may use for pathways, programmes and severities (product.md).</summary>
public static class RuleVocabulary
{
    public const string EdgeOfCare = "edge_of_care";
    public const string Pause = "pause";
    public const string Parenting = "parenting";
    public const string DomesticAbuse = "domestic_abuse";
    public const string SubstanceMisuse = "substance_misuse";

    public static readonly IReadOnlySet<string> Pathways = new HashSet<string>(StringComparer.Ordinal)
    {
        EdgeOfCare, Pause, Parenting, DomesticAbuse, SubstanceMisuse,
    };

    public static readonly IReadOnlySet<string> Programmes = new HashSet<string>(StringComparer.Ordinal)
    {
        "edge_of_care", "pause", "sfsc", "mellow_mums", "triple_p", "steps", "dv_perpetrator", "substance_outreach",
    };

    public static readonly IReadOnlyList<string> Severities = ["low", "medium", "high"];
}
