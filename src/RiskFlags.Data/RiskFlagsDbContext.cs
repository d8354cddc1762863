using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Referrals;

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

    public DbSet<SuggestionRow> Suggestions => Set<SuggestionRow>();

    public DbSet<DecisionRow> Decisions => Set<DecisionRow>();

    public DbSet<AuditRow> Audit => Set<AuditRow>();

    public DbSet<CatalogueRow> Catalogue => Set<CatalogueRow>();

    public DbSet<ProgrammeYearRow> ProgrammeYears => Set<ProgrammeYearRow>();

    public DbSet<EnrolmentRow> Enrolments => Set<EnrolmentRow>();

    public DbSet<ProgrammeQueueRow> ProgrammeQueues => Set<ProgrammeQueueRow>();

    public DbSet<AuditFamilyRow> AuditFamilies => Set<AuditFamilyRow>();

    public DbSet<StoreInfoRow> StoreInfo => Set<StoreInfoRow>();

    public DbSet<StoreChangeRow> StoreChanges => Set<StoreChangeRow>();

    public DbSet<ModelRegistryRow> ModelRegistry => Set<ModelRegistryRow>();

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
            person.Property(p => p.Uasc).HasColumnName("uasc");
        });

        modelBuilder.Entity<EventRow>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => new { x.Source, x.EventId });
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.Date);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
            e.Property(x => x.EventId).HasColumnName("event_id").HasMaxLength(64);
            e.Property(x => x.PersonId).HasColumnName("person_id").HasMaxLength(64);
            e.Property(x => x.Date).HasColumnName("date");
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(32);
            e.Property(x => x.EndDate).HasColumnName("end_date");
            e.Property(x => x.Detail).HasColumnName("detail").HasMaxLength(64);
        });

        modelBuilder.Entity<SuggestionRow>(s =>
        {
            s.ToTable("suggestions");
            s.HasKey(x => x.SuggestionId);
            // One pending suggestion per family, pathway and programme, even under concurrent assessments:
            // the filter is ReferralStore.IsPending in SQL (SuggestionStatuses.Pending).
            s.HasIndex(x => new { x.FamilyId, x.Pathway, x.Programme }).IsUnique()
                .HasFilter($"status IN ({string.Join(", ", SuggestionStatuses.Pending.Select(p => $"'{p}'"))})");
            s.HasIndex(x => new { x.Status, x.RiskScore });
            s.Property(x => x.SuggestionId).HasColumnName("suggestion_id").HasMaxLength(40);
            s.Property(x => x.FamilyId).HasColumnName("family_id").HasMaxLength(64);
            s.Property(x => x.Pathway).HasColumnName("pathway").HasMaxLength(32);
            s.Property(x => x.Programme).HasColumnName("programme").HasMaxLength(32);
            s.Property(x => x.Rule).HasColumnName("rule").HasMaxLength(100);
            s.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2000);
            s.Property(x => x.RiskScore).HasColumnName("risk_score");
            s.Property(x => x.AsOf).HasColumnName("as_of");
            s.Property(x => x.ModelVersion).HasColumnName("model_version").HasMaxLength(32);
            s.Property(x => x.RulesVersion).HasColumnName("rules_version").HasMaxLength(32);
            s.Property(x => x.LocalArea).HasColumnName("local_area").HasMaxLength(100);
            s.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            s.Property(x => x.AllocationRank).HasColumnName("allocation_rank");
            s.Property(x => x.WithinPlaces).HasColumnName("within_places");
            s.Property(x => x.RankedAt).HasColumnName("ranked_at");
            s.Property(x => x.CreatedAt).HasColumnName("created_at");
            s.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<DecisionRow>(d =>
        {
            d.ToTable("decisions");
            d.HasKey(x => x.DecisionId);
            d.HasIndex(x => x.SuggestionId);
            d.Property(x => x.DecisionId).HasColumnName("decision_id").HasMaxLength(40);
            d.Property(x => x.SuggestionId).HasColumnName("suggestion_id").HasMaxLength(40);
            d.Property(x => x.Decision).HasColumnName("decision").HasMaxLength(16);
            d.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2000);
            d.Property(x => x.Worker).HasColumnName("worker").HasMaxLength(64);
            d.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(100);
            d.Property(x => x.DecidedAt).HasColumnName("decided_at");
        });

        modelBuilder.Entity<AuditRow>(a =>
        {
            a.ToTable("audit");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            a.HasIndex(x => x.FamilyId);
            a.HasIndex(x => x.At);
            a.Property(x => x.At).HasColumnName("at");
            a.Property(x => x.Caller).HasColumnName("caller").HasMaxLength(100);
            a.Property(x => x.Role).HasColumnName("role").HasMaxLength(100);
            a.Property(x => x.Action).HasColumnName("action").HasMaxLength(64);
            a.Property(x => x.FamilyId).HasColumnName("family_id").HasMaxLength(64);
            a.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(32);
            a.Property(x => x.Detail).HasColumnName("detail").HasMaxLength(500);
        });

        modelBuilder.Entity<CatalogueRow>(c =>
        {
            c.ToTable("catalogue");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            c.Property(x => x.Json).HasColumnName("json");
            c.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            c.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            c.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
        });

        modelBuilder.Entity<ProgrammeYearRow>(y =>
        {
            y.ToTable("programme_years");
            y.HasKey(x => new { x.ProgrammeId, x.Year });
            y.Property(x => x.ProgrammeId).HasColumnName("programme_id").HasMaxLength(32);
            y.Property(x => x.Year).HasColumnName("year");
            y.Property(x => x.Enrolled).HasColumnName("enrolled");
        });

        modelBuilder.Entity<EnrolmentRow>(e =>
        {
            e.ToTable("enrolments");
            e.HasKey(x => x.EnrolmentId);
            e.HasIndex(x => new { x.ProgrammeId, x.Status, x.Ticket });
            e.HasIndex(x => x.FamilyId);
            e.Property(x => x.EnrolmentId).HasColumnName("enrolment_id").HasMaxLength(40);
            e.Property(x => x.ProgrammeId).HasColumnName("programme_id").HasMaxLength(32);
            e.Property(x => x.Year).HasColumnName("year");
            e.Property(x => x.FamilyId).HasColumnName("family_id").HasMaxLength(64);
            e.Property(x => x.SuggestionId).HasColumnName("suggestion_id").HasMaxLength(40);
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(x => x.QueuedAt).HasColumnName("queued_at");
            e.Property(x => x.Ticket).HasColumnName("ticket");
            e.Property(x => x.EnrolledAt).HasColumnName("enrolled_at");
            e.Property(x => x.EndedAt).HasColumnName("ended_at");
            e.Property(x => x.EndReason).HasColumnName("end_reason").HasMaxLength(500);
        });

        modelBuilder.Entity<ProgrammeQueueRow>(q =>
        {
            q.ToTable("programme_queues");
            q.HasKey(x => x.ProgrammeId);
            q.Property(x => x.ProgrammeId).HasColumnName("programme_id").HasMaxLength(32);
            q.Property(x => x.NextTicket).HasColumnName("next_ticket");
        });

        modelBuilder.Entity<AuditFamilyRow>(a =>
        {
            a.ToTable("audit_families");
            a.HasKey(x => new { x.AuditId, x.FamilyId });
            a.HasIndex(x => x.FamilyId);
            a.Property(x => x.AuditId).HasColumnName("audit_id");
            a.Property(x => x.FamilyId).HasColumnName("family_id").HasMaxLength(64);
            a.HasOne<AuditRow>().WithMany(x => x.Families).HasForeignKey(x => x.AuditId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoreInfoRow>(i =>
        {
            i.ToTable("store_info");
            i.HasKey(x => x.Id);
            i.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            i.Property(x => x.Demo).HasColumnName("demo");
            i.Property(x => x.DemoDetail).HasColumnName("demo_detail").HasMaxLength(200);
            i.Property(x => x.DataVersion).HasColumnName("data_version");
            i.Property(x => x.ReferralsVersion).HasColumnName("referrals_version");
            i.Property(x => x.ModelsVersion).HasColumnName("models_version");
            i.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<StoreChangeRow>(c =>
        {
            c.ToTable("store_changes");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            c.HasIndex(x => new { x.Kind, x.Version });
            c.HasIndex(x => x.At);
            c.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            c.Property(x => x.Version).HasColumnName("version");
            c.Property(x => x.FamilyId).HasColumnName("family_id").HasMaxLength(64);
            c.Property(x => x.At).HasColumnName("at");
        });

        modelBuilder.Entity<ModelRegistryRow>(r =>
        {
            r.ToTable("model_registry");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            r.HasIndex(x => x.Version);
            r.Property(x => x.Version).HasColumnName("version").HasMaxLength(32);
            r.Property(x => x.Action).HasColumnName("action").HasMaxLength(16);
            r.Property(x => x.PublishedAt).HasColumnName("published_at");
            r.Property(x => x.PublishedBy).HasColumnName("published_by").HasMaxLength(100);
            r.Property(x => x.Role).HasColumnName("role").HasMaxLength(100);
            r.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2000);
            r.Property(x => x.PreviousVersion).HasColumnName("previous_version").HasMaxLength(32);
            r.Property(x => x.Model).HasColumnName("model");
            r.Property(x => x.CardJson).HasColumnName("card_json");
            r.Property(x => x.CardMarkdown).HasColumnName("card_markdown");
            r.Property(x => x.Comparison).HasColumnName("comparison");
            r.Property(x => x.ComparisonDetail).HasColumnName("comparison_detail").HasMaxLength(500);
        });
    }
}
