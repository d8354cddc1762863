namespace RiskFlags.Core.Contract;

public enum PersonRole : byte
{
    Child,
    Mother,
    Father,
    Carer,
}
