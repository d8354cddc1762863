using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RiskFlags.Data;

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRiskFlagsDbContext>
{
    public PostgresRiskFlagsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRiskFlagsDbContext>().UseNpgsql("Host=localhost;Database=riskflags_design").Options);
}
