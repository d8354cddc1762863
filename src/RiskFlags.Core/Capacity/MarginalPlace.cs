namespace RiskFlags.Core.Capacity;

/// <summary>
/// Place k of a programme: the family it goes to (enrolled families first, then the ranked
/// candidates), that family's expected benefit, its worth in pounds by the report's cost model, and
/// the place's cost. Savings and cost are null where the programme has no effect or no unit cost.
/// </summary>
public sealed record MarginalPlace(int Place, string FamilyId, bool Enrolled, double? ExpectedBenefit, double? ExpectedSaving, double? Cost);
