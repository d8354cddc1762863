namespace RiskFlags.Core.Forecast;

/// <summary>A forecast's inputs are missing or invalid; the message names the file and line, or the scenario and field.</summary>
public sealed class ForecastException(string message) : Exception(message);
