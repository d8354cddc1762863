using Npgsql;

namespace RiskFlags.Testing;

/// <summary>
/// A fresh PostgreSQL database for one test class, dropped afterwards. The server comes from
/// RISKFLAGS_TEST_POSTGRES (a connection string to a role that may create databases); without it
/// the PostgreSQL tests are skipped with a message saying how to run them.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string Variable = "RISKFLAGS_TEST_POSTGRES";

    public static readonly string SkipReason =
        $"PostgreSQL tests need a server: set {Variable}, e.g. \"Host=127.0.0.1;Username=postgres;Password=postgres\" (.ci/run installs and starts one).";

    private readonly string? admin = Environment.GetEnvironmentVariable(Variable);
    private readonly string name = $"riskflags_test_{Guid.NewGuid():N}";

    public bool Available => !string.IsNullOrWhiteSpace(admin);

    public string ConnectionString => new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        if (Available)
        {
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Available)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(admin) { Pooling = false };
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
