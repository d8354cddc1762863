namespace RiskFlags.Training;

public sealed record DateRows(string AsOf, int Rows, int Positives, double BaseRate);
