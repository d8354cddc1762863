namespace RiskFlags.Core.Forecast;

/// <summary>One 31 March in the store: children looked after, the child population, the rate per 10,000, and the fitted curve's value and residual there.</summary>
public sealed record RatePoint(DateOnly AsOf, int LookedAfter, double ChildPopulation, double Rate, double Fitted, double Residual);
