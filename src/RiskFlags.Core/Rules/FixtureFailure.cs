namespace RiskFlags.Core.Rules;

public sealed record FixtureFailure(string File, string Case, string Message)
{
    public override string ToString() => $"{File}: {Case}: {Message}";
}
