using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RiskFlags.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRiskFlagsDbContext>
{
    public SqliteRiskFlagsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRiskFlagsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
