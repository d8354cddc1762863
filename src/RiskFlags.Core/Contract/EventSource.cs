namespace RiskFlags.Core.Contract;

/// <summary>The agency a record comes from (data-contract.md, events.csv "source").</summary>
public enum EventSource : byte
{
    Police,
    School,
    Health,
    SubstanceService,
    Housing,
    SocialCare,
    EarlyHelp,
}
