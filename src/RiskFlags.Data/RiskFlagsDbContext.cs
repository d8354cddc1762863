using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

/// <summary>
/// The store. One subclass per provider (<see cref="SqliteRiskFlagsDbContext"/>,
/// <see cref="PostgresRiskFlagsDbContext"/>) so that each has its own migrations; code uses this type.
/// Names are snake_case so the tables read naturally in either database.
/// </summary>
public abstract class RiskFlagsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<FamilyRow> Families => Set<FamilyRow>();

    public DbSet<PersonRow> People => Set<PersonRow>();

    public DbSet<EventRow> Events => Set<EventRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FamilyRow>(family =>
        {
            family.ToTable("families");
            family.HasKey(f => f.FamilyId);
            family.Property(f => f.FamilyId).HasColumnName("family_id").HasMaxLength(64);
            family.Property(f => f.LocalArea).HasColumnName("local_area").HasMaxLength(100);
            family.Property(f => f.DeprivationDecile).HasColumnName("deprivation_decile");
        });

        modelBuilder.Entity<PersonRow>(person =>
        {
            person.ToTable("people");
            person.HasKey(p => new { p.PersonId, p.FamilyId });
            person.HasIndex(p => p.FamilyId);
            person.Property(p => p.PersonId).HasColumnName("person_id").HasMaxLength(64);
            person.Property(p => p.FamilyId).HasColumnName("family_id").HasMaxLength(64);
            person.Property(p => p.Role).HasColumnName("role").HasMaxLength(16);
            person.Property(p => p.BirthDate).HasColumnName("birth_date");
            person.Property(p => p.Sex).HasColumnName("sex").HasMaxLength(1);
            person.Property(p => p.Ethnicity).HasColumnName("ethnicity").HasMaxLength(8);
            person.Property(p => p.CareExperienced).HasColumnName("care_experienced");
        });

        modelBuilder.Entity<EventRow>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => new { x.Source, x.EventId });
            e.HasIndex(x => x.PersonId);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
            e.Property(x => x.EventId).HasColumnName("event_id").HasMaxLength(64);
            e.Property(x => x.PersonId).HasColumnName("person_id").HasMaxLength(64);
            e.Property(x => x.Date).HasColumnName("date");
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(32);
            e.Property(x => x.EndDate).HasColumnName("end_date");
            e.Property(x => x.Detail).HasColumnName("detail").HasMaxLength(64);
        });
    }
}

public sealed class SqliteRiskFlagsDbContext(DbContextOptions<SqliteRiskFlagsDbContext> options) : RiskFlagsDbContext(options);

public sealed class PostgresRiskFlagsDbContext(DbContextOptions<PostgresRiskFlagsDbContext> options) : RiskFlagsDbContext(options);
