namespace RiskFlags.Core.Contract;

/// <summary>What is wrong with a line as a whole (its bytes or its quoting), and the 1-based column where it starts (0: the line).</summary>
internal sealed record LineProblem(int Column, string Reason);
