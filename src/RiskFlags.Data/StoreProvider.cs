namespace RiskFlags.Data;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}
