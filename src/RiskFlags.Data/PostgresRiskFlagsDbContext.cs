using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

public sealed class PostgresRiskFlagsDbContext(DbContextOptions<PostgresRiskFlagsDbContext> options) : RiskFlagsDbContext(options);
