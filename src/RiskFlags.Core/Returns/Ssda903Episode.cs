namespace RiskFlags.Core.Returns;

/// <summary>
/// One row of an SSDA903 Episodes table (standards.md 1.1): the child, when the episode began (DECOM),
/// why (RNE), the legal status (LS), when and why it ended (DEC, REC; a blank DEC means still open), and
/// the collection year it came from (YEAR, when the file says), which decides between repeats.
/// </summary>
public sealed record Ssda903Episode(string Child, DateOnly Start, string Reason, string LegalStatus, DateOnly? End, string? EndReason, int? Year = null);
