using RiskFlags.Core.Assessment;

namespace RiskFlags.Server.Services;

/// <summary>The cohort assessed as of a date, with the store's data version, the model and the rules it was assessed at.</summary>
public sealed record CohortView(DateOnly AsOf, long DataVersion, string ModelVersion, string RulesVersion, IReadOnlyList<FamilyAssessment> Assessments);
