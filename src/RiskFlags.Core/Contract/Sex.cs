namespace RiskFlags.Core.Contract;

public enum Sex : byte
{
    Female,
    Male,
    Unknown,
}
