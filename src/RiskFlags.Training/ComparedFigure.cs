namespace RiskFlags.Training;

/// <summary>One figure of two models on the same families, each with its interval when the bootstrap gives one.</summary>
public sealed record ComparedFigure(string Figure, double First, Interval? FirstInterval, double Second, Interval? SecondInterval);
