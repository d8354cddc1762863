using RiskFlags.Core.Capacity;

namespace RiskFlags.Core.Tests.Capacity;

/// <summary>Who is offered a programme's places: by expected benefit, ties by wait then open decisions, never more offers than free places.</summary>
public sealed class ProgrammeAllocationTests
{
    private static readonly ProgrammeCatalogue Shipped = ProgrammeCatalogue.Load(Path.Combine(RuleFolders.Shipped, ProgrammeCatalogue.FileName));
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static Programme Programme(string id) => Shipped.Find(id)!;

    private static AllocationCandidate Family(string id, double risk, int incidents = 0, int daysWaiting = 0, int openDecisions = 0) =>
        new(id, risk, incidents, Monday.AddDays(-daysWaiting), openDecisions);

    [Fact]
    public void A_care_entry_programme_ranks_by_risk_times_its_relative_risk_reduction()
    {
        var ranked = ProgrammeAllocation.Rank(Programme("edge_of_care"), [Family("F1", 0.10), Family("F2", 0.40), Family("F3", 0.25)], 2);

        Assert.Equal(["F2", "F3", "F1"], ranked.Select(r => r.Candidate.FamilyId));
        Assert.Equal([1, 2, 3], ranked.Select(r => r.Rank));
        Assert.Equal(0.40 * 0.53, ranked[0].ExpectedBenefit!.Value, 12);
    }

    [Fact]
    public void A_domestic_abuse_programme_ranks_by_incidents_over_the_candidates_mean()
    {
        var steps = Programme("steps");
        var ranked = ProgrammeAllocation.Rank(steps, [Family("F1", 0.9, incidents: 1), Family("F2", 0.1, incidents: 5), Family("F3", 0.5, incidents: 3)], 3);

        // Mean 3: F2 averts 5/3 of the programme's 2.4 incidents a place, whatever its risk of care entry.
        Assert.Equal(["F2", "F3", "F1"], ranked.Select(r => r.Candidate.FamilyId));
        Assert.Equal(2.4 * 5 / 3, ranked[0].ExpectedBenefit!.Value, 12);
        Assert.Equal(2.4, ranked[1].ExpectedBenefit!.Value, 12);
    }

    [Fact]
    public void Equal_benefit_goes_to_the_longer_wait_then_to_fewer_open_decisions_then_by_family_id()
    {
        var ranked = ProgrammeAllocation.Rank(Programme("edge_of_care"),
            [Family("F4", 0.3, daysWaiting: 2, openDecisions: 0), Family("F1", 0.3, daysWaiting: 9, openDecisions: 3),
             Family("F3", 0.3, daysWaiting: 2, openDecisions: 1), Family("F2", 0.3, daysWaiting: 9, openDecisions: 3)], 4);

        Assert.Equal(["F1", "F2", "F4", "F3"], ranked.Select(r => r.Candidate.FamilyId));
    }

    [Fact]
    public void A_programme_without_a_stated_effect_ranks_by_risk_and_states_no_benefit()
    {
        var ranked = ProgrammeAllocation.Rank(Programme("sfsc"), [Family("F1", 0.2), Family("F2", 0.6)], 1);

        Assert.Equal(["F2", "F1"], ranked.Select(r => r.Candidate.FamilyId));
        Assert.All(ranked, r => Assert.Null(r.ExpectedBenefit));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(25)]
    [InlineData(100)]
    public void Offers_never_exceed_the_free_places_and_the_rest_is_unmet_need_in_order(int freePlaces)
    {
        var random = new Random(freePlaces);
        var candidates = Enumerable.Range(0, 40).Select(i => Family($"F{i:D3}", random.NextDouble(), random.Next(6), random.Next(30), random.Next(3))).ToList();

        var ranked = ProgrammeAllocation.Rank(Programme("steps"), candidates, freePlaces);

        Assert.Equal(Math.Min(freePlaces, candidates.Count), ranked.Count(r => r.WithinPlaces));
        Assert.All(ranked.TakeWhile(r => r.WithinPlaces), r => Assert.True(r.Rank <= freePlaces));
        Assert.All(ranked.Zip(ranked.Skip(1)), pair => Assert.True(pair.First.ExpectedBenefit >= pair.Second.ExpectedBenefit));
    }

    [Fact]
    public void An_enrolment_ending_moves_the_next_family_into_the_offers()
    {
        var candidates = new[] { Family("F1", 0.5), Family("F2", 0.4), Family("F3", 0.3) };
        var places = 3;

        var twoEnrolled = ProgrammeAllocation.Rank(Programme("edge_of_care"), candidates, freePlaces: places - 2);
        var oneEnded = ProgrammeAllocation.Rank(Programme("edge_of_care"), candidates, freePlaces: places - 1);

        Assert.Equal(["F1"], twoEnrolled.Where(r => r.WithinPlaces).Select(r => r.Candidate.FamilyId));
        Assert.Equal(["F1", "F2"], oneEnded.Where(r => r.WithinPlaces).Select(r => r.Candidate.FamilyId));
    }
}
