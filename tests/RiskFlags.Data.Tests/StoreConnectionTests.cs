namespace RiskFlags.Data.Tests;

public sealed class StoreConnectionTests
{
    [Theory]
    [InlineData("/tmp/x.db", StoreProvider.Sqlite)]
    [InlineData("Data Source=/tmp/x.db", StoreProvider.Sqlite)]
    [InlineData("Host=127.0.0.1;Database=riskflags;Username=app", StoreProvider.Postgres)]
    [InlineData("host=db;database=riskflags", StoreProvider.Postgres)]
    public void The_provider_follows_the_connection_string(string connection, StoreProvider provider) =>
        Assert.Equal(provider, StoreConnection.Parse(connection).Provider);

    [Fact]
    public void A_description_for_logs_never_contains_the_password()
    {
        var description = StoreConnection.Parse("Host=db;Port=5432;Database=riskflags;Username=app;Password=hunter2").Describe();

        Assert.Equal("PostgreSQL db:5432/riskflags", description);
    }

    [Fact]
    public void An_unknown_postgres_key_is_an_error_before_anything_runs()
    {
        var error = Assert.Throws<ArgumentException>(() => StoreConnection.Parse("Host=db;Databse=riskflags"));

        Assert.Contains("databse", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
