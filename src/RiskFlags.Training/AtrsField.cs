namespace RiskFlags.Training;

/// <summary>
/// One field of the Algorithmic Transparency Recording Standard record: its v3 reference and attribute
/// key (the last version with keys), the v4 name, its tier and section, and the answer. A field only the
/// council can answer carries <see cref="AtrsRecord.ToBeCompleted"/> until the council's answers fill it.
/// </summary>
public sealed record AtrsField(string Ref, string Key, string Name, int Tier, string Section, string Answer, bool CouncilAnswers)
{
    public bool Completed => Answer != AtrsRecord.ToBeCompleted;
}
