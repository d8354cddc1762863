namespace RiskFlags.Data;

internal static class Sql
{
    public static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
}
