namespace RiskFlags.Core.DemoData;

/// <summary>A cohort family's known probability of the outcome for one 31 March, and the outcome drawn from it.</summary>
public sealed record TruthRow(string FamilyId, DateOnly AsOf, double Probability, bool Outcome);
