namespace RiskFlags.Core.Capacity;

/// <summary>
/// Who gets a programme's places when need exceeds them: the families its pathway rules suggest,
/// ranked by expected benefit. For care-entry programmes that is the family's calibrated risk times
/// the programme's relative risk reduction (care entries prevented); for the domestic-abuse ones, the
/// programme's incidents averted per place scaled by the family's incidents in the last 12 months over
/// the candidates' mean. Ties go to the longer wait, then to fewer open decisions, then by family id
/// so that the order is the same on every run. The first free places are the offer list.
/// </summary>
public static class ProgrammeAllocation
{
    public static IReadOnlyList<RankedCandidate> Rank(Programme programme, IReadOnlyCollection<AllocationCandidate> candidates, int freePlaces)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(freePlaces);
        var benefit = Benefit(programme, candidates);
        return [.. candidates
            .Select(c => (Candidate: c, Benefit: benefit(c)))
            .OrderByDescending(c => c.Benefit ?? c.Candidate.Risk)
            .ThenBy(c => c.Candidate.WaitingSince)
            .ThenBy(c => c.Candidate.OpenDecisions)
            .ThenBy(c => c.Candidate.FamilyId, StringComparer.Ordinal)
            .Select((c, i) => new RankedCandidate(c.Candidate, i + 1, c.Benefit, i < freePlaces))];
    }

    /// <summary>Expected care entries prevented or incidents averted by a place for this family; null when the programme states no effect.</summary>
    public static Func<AllocationCandidate, double?> Benefit(Programme programme, IReadOnlyCollection<AllocationCandidate> candidates)
    {
        if (programme.IncidentsAvertedPerPlace is { } averted)
        {
            var mean = candidates.Count == 0 ? 0 : candidates.Average(c => (double)c.DomesticAbuseIncidents12m);
            return c => mean > 0 ? averted * c.DomesticAbuseIncidents12m / mean : averted;
        }

        return programme.RelativeRiskReduction is { } reduction ? c => c.Risk * reduction : _ => null;
    }
}
