namespace RiskFlags.Server.Services;

/// <summary>
/// The date a request asks about. <see cref="IsDataEnd"/>: it is the date the store's data run to
/// (the default), the only date for which an assessment's suggestions are live and recorded; any
/// other date is a look back (or a what-if) that is answered and recorded nowhere.
/// </summary>
public readonly record struct RequestDate(DateOnly AsOf, bool IsDataEnd);
