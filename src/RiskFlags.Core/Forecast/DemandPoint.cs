namespace RiskFlags.Core.Forecast;

/// <summary>A programme's flagged demand at one 31 March: counted from the store (<see cref="Projected"/> false), or projected with its 95% interval.</summary>
public sealed record DemandPoint(DateOnly AsOf, double Demand, bool Projected, double? Low, double? High);
