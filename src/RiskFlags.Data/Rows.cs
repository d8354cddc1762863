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
