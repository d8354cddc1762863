namespace RiskFlags.Data;

/// <summary>
/// One record in a subject access export: what it is, whose it is ("person:ID" for a person's own
/// records, "family:ID" for what is held about the family as a whole, which may name others and so is
/// for the council to redact before release), and the record itself.
/// </summary>
public sealed record ExportedRecord(string Kind, string Subject, object Record);
