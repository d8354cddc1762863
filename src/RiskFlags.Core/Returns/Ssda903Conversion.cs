using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>What a conversion of SSDA903 returns read, wrote and refused.</summary>
/// <param name="Uasc">Children the UASC table marks as unaccompanied asylum-seeking children.</param>
/// <param name="Linked">Children the links placed in a family (the rest are families of their own).</param>
public sealed record Ssda903Conversion(
    int Children, int EpisodesRead, int Periods, int LeftCensored, int ShortBreaks, IReadOnlyList<string> TablesIgnored, IReadOnlyList<RowError> Rejected, int Linked = 0, int Uasc = 0, IReadOnlyList<RowError>? Warnings = null);
