using System.CommandLine;
using Microsoft.Extensions.Configuration;
using RiskFlags.Core.Hosting;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

/// <summary>--db: a SQLite file or connection string, or a Npgsql connection string ("Host=...").</summary>
internal static class StoreOption
{
    public static Option<string?> Create() => new("--db")
    {
        Description = "Where the store is: a SQLite file or \"Data Source=...\", or a PostgreSQL \"Host=...;Database=...\" connection string. Default: ConnectionStrings:RiskFlags, else data/riskflags.db.",
    };

    public static StoreConnection Resolve(CliContext context, string? db)
    {
        try
        {
            return StoreConnection.FromSetting(db ?? context.Configuration.GetConnectionString("RiskFlags"), InstallLayout.Find());
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--db: {e.Message}");
        }
    }
}
