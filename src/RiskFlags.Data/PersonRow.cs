namespace RiskFlags.Data;

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

    /// <summary>An unaccompanied asylum-seeking child.</summary>
    public bool Uasc { get; set; }
}
