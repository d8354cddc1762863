namespace RiskFlags.Training;

public sealed record Baselines(double RulesOnlyAuc, double LogisticRegressionAuc);
