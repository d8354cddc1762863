namespace RiskFlags.Training;

public sealed record CardData(string Source, IReadOnlyList<DateRows> Snapshots, int Families, int TreeRows, int CalibrationRows, int ValidationRows);
