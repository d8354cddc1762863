namespace RiskFlags.Core.Scoring;

/// <summary>A feature's share in one prediction, and how an officer reads it: "domestic abuse incidents, last 12 months = 3".</summary>
public sealed record Factor(string Feature, string Description, float Value, string ValueText, float Contribution)
{
    public string Text => $"{Description} = {ValueText}";
}
