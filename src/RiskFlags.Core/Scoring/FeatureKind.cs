namespace RiskFlags.Core.Scoring;

/// <summary>How a feature's value reads: a count, a yes/no, or a value that may be unknown (-1).</summary>
public enum FeatureKind
{
    Count,
    Flag,
    MaybeUnknown,
    YesNoUnknown,
}
