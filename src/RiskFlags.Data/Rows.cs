namespace RiskFlags.Data;

/// <summary>A stored row of families.csv.</summary>
public sealed class FamilyRow
{
    public required string FamilyId { get; set; }

    public string? LocalArea { get; set; }

    public int? DeprivationDecile { get; set; }
}

/// <summary>A stored row of people.csv: one person's membership of one family.</summary>
public sealed class PersonRow
{
    public required string PersonId { get; set; }

    public required string FamilyId { get; set; }

    public required string Role { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Sex { get; set; }

    public string? Ethnicity { get; set; }

    public bool? CareExperienced { get; set; }
}

/// <summary>A stored row of events.csv, keyed by (source, event_id).</summary>
public sealed class EventRow
{
    public required string Source { get; set; }

    public required string EventId { get; set; }

    public required string PersonId { get; set; }

    public DateOnly Date { get; set; }

    public required string Type { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Detail { get; set; }
}

/// <summary>A programme suggested for a family by a pathway rule, with the versions it came from.</summary>
public sealed class SuggestionRow
{
    public required string SuggestionId { get; set; }

    public required string FamilyId { get; set; }

    public required string Pathway { get; set; }

    public required string Programme { get; set; }

    public required string Rule { get; set; }

    public required string Reason { get; set; }

    public double RiskScore { get; set; }

    public DateOnly AsOf { get; set; }

    public required string ModelVersion { get; set; }

    public required string RulesVersion { get; set; }

    public string? LocalArea { get; set; }

    /// <summary>One of <see cref="Core.Referrals.SuggestionStatuses"/>.</summary>
    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A worker's decision on a suggestion.</summary>
public sealed class DecisionRow
{
    public required string DecisionId { get; set; }

    public required string SuggestionId { get; set; }

    public required string Decision { get; set; }

    public string? Reason { get; set; }

    public required string Worker { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>Who read or changed what, when, about which family, and how it went.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Caller { get; set; }

    public required string Role { get; set; }

    public required string Action { get; set; }

    public string? FamilyId { get; set; }

    public required string Outcome { get; set; }

    public string? Detail { get; set; }

    /// <summary>The families whose data the call returned, when there were several (a page, a list, a stream).</summary>
    public List<AuditFamilyRow> Families { get; set; } = [];
}

/// <summary>The live programme catalogue and cost model (rules/programmes.json until an admin edits it), one row.</summary>
public sealed class CatalogueRow
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public required string Json { get; set; }

    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

/// <summary>How many places of a programme are taken in a programme year (April to March).</summary>
public sealed class ProgrammeYearRow
{
    public required string ProgrammeId { get; set; }

    public int Year { get; set; }

    public int Enrolled { get; set; }
}

/// <summary>A family's place on a programme, or its place in the queue for one.</summary>
public sealed class EnrolmentRow
{
    public required string EnrolmentId { get; set; }

    public required string ProgrammeId { get; set; }

    public int Year { get; set; }

    public required string FamilyId { get; set; }

    public required string SuggestionId { get; set; }

    public required string Status { get; set; }

    /// <summary>When the family joined the queue or the programme (UTC ticks).</summary>
    public long QueuedAt { get; set; }

    /// <summary>The programme's ticket taken when the family was accepted: the order of its waiting list (<see cref="ProgrammeQueueRow"/>).</summary>
    public long Ticket { get; set; }

    public DateTimeOffset? EnrolledAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndReason { get; set; }
}
