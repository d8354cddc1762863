using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

public sealed class SqliteRiskFlagsDbContext(DbContextOptions<SqliteRiskFlagsDbContext> options) : RiskFlagsDbContext(options);
