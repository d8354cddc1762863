using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>What a conversion of SSDA903 returns read, wrote and refused.</summary>
public sealed record Ssda903Conversion(
    int Children, int EpisodesRead, int Periods, int LeftCensored, int ShortBreaksSkipped, IReadOnlyList<string> TablesIgnored, IReadOnlyList<RowError> Rejected);
