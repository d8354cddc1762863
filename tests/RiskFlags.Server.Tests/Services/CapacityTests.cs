using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Footprint;
using RiskFlags.Data;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>A server with enough demo families that every programme is suggested to someone.</summary>
public sealed class CapacityServer : IAsyncLifetime
{
    public ServerFactory Factory { get; } = new() { DemoFamilies = 4000 };

    public ValueTask InitializeAsync()
    {
        _ = Factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class CapacityTests(CapacityServer server) : IClassFixture<CapacityServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_capacity_table_shows_every_programme_with_substance_outreach_at_no_places_and_some_demand()
    {
        var gaps = await server.Factory.Capacity(Keys.Manager).GetCapacityGapsAsync(new GetCapacityGapsRequest(), cancellationToken: Cancel);

        Assert.Equal(["edge_of_care", "pause", "sfsc", "mellow_mums", "triple_p", "steps", "dv_perpetrator", "substance_outreach"], gaps.Gaps.Select(g => g.Programme.Id));
        var outreach = gaps.Gaps.Single(g => g.Programme.Id == "substance_outreach");
        Assert.Equal(0, outreach.Places);
        Assert.True(outreach.Demand > 0);
        Assert.Equal(outreach.Demand, outreach.Gap);
        Assert.Null(outreach.ExpectedWaitWeeks);
        Assert.Equal("Substance-misuse family outreach has no unit cost yet", outreach.NotPriced);
        var edge = gaps.Gaps.Single(g => g.Programme.Id == "edge_of_care");
        Assert.True(edge.Gap > 0);
        Assert.Equal(edge.Gap * 2285, edge.ClosingTheGap.Cost, 6);
        Assert.Equal(edge.Gap * 0.16, edge.ClosingTheGap.CareEntriesPrevented!.Value, 6);
        Assert.All(gaps.Gaps, g => Assert.Equal(g.Enrolled + g.Waiting + g.FlaggedNotReferred, g.Demand));
        Assert.Equal(70_792, gaps.CostModel.LookedAfterChildYearCost);
    }

    [Fact]
    public async Task Each_programme_offers_no_more_families_than_its_free_places_and_every_family_named_is_audited()
    {
        var gaps = await server.Factory.Capacity(Keys.Manager).GetCapacityGapsAsync(new GetCapacityGapsRequest(), cancellationToken: Cancel);

        Assert.All(gaps.Gaps, g =>
        {
            Assert.True(g.Offers.Count <= Math.Max(0, (int)Math.Floor(g.Places) - g.Enrolled), $"{g.Programme.Id}: {g.Offers.Count} offers");
            // The offers are the curve's first candidates, in the same order.
            Assert.Equal(g.Offers, g.Marginal.Where(m => !m.Enrolled).Take(g.Offers.Count).Select(m => m.FamilyId));
            var savings = g.Marginal.Where(m => !m.Enrolled && m.ExpectedSaving is not null).Select(m => m.ExpectedSaving!.Value).ToList();
            Assert.All(savings.Zip(savings.Skip(1)), pair => Assert.True(pair.First >= pair.Second - 1e-9));
        });
        // SFSC: no other test of the class changes its places (one fills STEPS's).
        var parenting = gaps.Gaps.Single(g => g.Programme.Id == "sfsc");
        Assert.NotEmpty(parenting.Offers);
        Assert.NotNull(gaps.Gaps.Single(g => g.Programme.Id == "edge_of_care").OptimalPlaces);
        await using var db = server.Factory.Db();
        var audited = await db.Audit.Where(a => a.Action == "GetCapacityGaps" && a.Outcome == "ok").OrderByDescending(a => a.Id)
            .Select(a => a.Families.Select(f => f.FamilyId).ToList()).FirstAsync(Cancel);
        var named = gaps.Gaps.SelectMany(g => g.Marginal.Select(m => m.FamilyId)).ToHashSet();
        Assert.NotEmpty(named);
        Assert.True(named.SetEquals(audited), $"{named.Count} families named, {audited.Count} audited");
    }

    [Fact]
    public async Task The_allocation_shown_is_recorded_on_each_ranked_suggestion_and_a_look_back_records_nothing()
    {
        // A server of its own: the class's other tests change the places and enrol families.
        await using var own = new ServerFactory { DemoFamilies = 2000 };
        var capacity = own.Capacity(Keys.Admin);
        var catalogue = await capacity.ListProgrammesAsync(new ListProgrammesRequest(), cancellationToken: Cancel);
        await capacity.UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = "steps", PlacesPerYear = 2, Version = catalogue.Version }, cancellationToken: Cancel);
        var first = (await capacity.GetCapacityGapsAsync(new GetCapacityGapsRequest(), cancellationToken: Cancel)).Gaps.Single(g => g.Programme.Id == "steps");
        var candidates = first.Marginal.Where(m => !m.Enrolled).Select(m => m.FamilyId).ToList();
        var offered = candidates[0];
        var unmet = candidates[^1];
        Assert.True(candidates.Count > first.Offers.Count, "STEPS needs more families than it has places for this test");
        foreach (var family in new[] { offered, unmet })
        {
            await own.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);
        }

        var shown = (await capacity.GetCapacityGapsAsync(new GetCapacityGapsRequest(), cancellationToken: Cancel)).Gaps.Single(g => g.Programme.Id == "steps");
        var ranked = shown.Marginal.Where(m => !m.Enrolled).Select(m => m.FamilyId).ToList();
        var stored = (await own.Referrals(Keys.Manager).ListSuggestionsAsync(new ListSuggestionsRequest { Programme = "steps", PageSize = 500 }, cancellationToken: Cancel))
            .Suggestions.Where(x => x.FamilyId == offered || x.FamilyId == unmet).ToDictionary(x => x.FamilyId);

        Assert.Equal(ranked.IndexOf(offered) + 1, stored[offered].AllocationRank);
        Assert.True(stored[offered].WithinPlaces);
        Assert.Equal(ranked.IndexOf(unmet) + 1, stored[unmet].AllocationRank);
        Assert.False(stored[unmet].WithinPlaces);
        Assert.True(stored[unmet].AllocationRank > shown.Offers.Count);
        Assert.NotNull(stored[offered].RankedAt);

        // A look back shows an allocation of the past: nothing recorded, the live ranks stay.
        await capacity.GetCapacityGapsAsync(new GetCapacityGapsRequest { AsOf = "2024-03-31" }, cancellationToken: Cancel);
        var after = (await own.Referrals(Keys.Manager).ListSuggestionsAsync(new ListSuggestionsRequest { Programme = "steps", PageSize = 500 }, cancellationToken: Cancel))
            .Suggestions.Single(x => x.FamilyId == offered);
        Assert.Equal(stored[offered].AllocationRank, after.AllocationRank);
        Assert.Equal(stored[offered].RankedAt, after.RankedAt);
    }

    [Fact]
    public async Task The_footprint_counts_a_programme_offered_before_entry_and_not_one_taken_up_after()
    {
        await using var own = new ServerFactory { DemoFamilies = 1500 };
        _ = own.CreateClient();
        await using (var db = own.Db())
        {
            var data = await LinkedDataStore.LoadIndexAsync(db, Cancel);
            var entrant = CareEntryFootprint.FindEntrants(data.Families, new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31))[0];
            var family = entrant.Family.Family.FamilyId;
            var now = DateTimeOffset.UtcNow;
            db.Suggestions.Add(new SuggestionRow
            {
                SuggestionId = "S-footprint-1", FamilyId = family, Pathway = "parenting", Programme = "sfsc", Rule = "Pathway.Sfsc", Reason = "test",
                AsOf = entrant.EnteredOn.AddDays(-30), ModelVersion = "m", RulesVersion = "r", Status = "accepted", CreatedAt = now, UpdatedAt = now,
            });
            var enrolledAfter = new DateTimeOffset(entrant.EnteredOn.AddDays(10).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            db.Enrolments.Add(new EnrolmentRow
            {
                EnrolmentId = "E-footprint-1", ProgrammeId = "sfsc", Year = 2024, FamilyId = family, SuggestionId = "S-footprint-1", Status = "ended",
                QueuedAt = enrolledAfter.UtcTicks, Ticket = 1_000_000, EnrolledAt = enrolledAfter, EndedAt = enrolledAfter.AddDays(60), EndReason = "completed",
            });
            await db.SaveChangesAsync(Cancel);
        }

        var footprint = await own.Capacity(Keys.Manager).GetFootprintAsync(new GetFootprintRequest { Year = 2025 }, cancellationToken: Cancel);

        var before = footprint.ProgrammesBefore.ToDictionary(p => p.Name, p => p.Children);
        Assert.Equal(1, before["offered a programme before entry"]);
        Assert.Equal(0, before["enrolled in a programme before entry"]);
    }

    [Fact]
    public async Task The_footprint_of_the_years_care_entrants_comes_through_the_api_for_the_year_the_data_end_in()
    {
        var capacity = server.Factory.Capacity(Keys.Manager);

        var footprint = await capacity.GetFootprintAsync(new GetFootprintRequest(), cancellationToken: Cancel);
        var bad = await Assert.ThrowsAsync<RpcException>(() => capacity.GetFootprintAsync(new GetFootprintRequest { Year = 99 }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal((2025, "2024-04-01", "2025-03-31"), (footprint.Year, footprint.From, footprint.To));
        Assert.True(footprint.Entrants >= 10, $"{footprint.Entrants} entrants");
        Assert.False(footprint.Suppressed);
        Assert.Equal(9, footprint.Agencies.Count);
        Assert.All(footprint.Agencies.Concat(footprint.FlaggedBefore).Concat(footprint.FlaggedByPathway),
            s => Assert.Equal((double)s.Children / footprint.Entrants, s.Share!.Value, 12));
        Assert.Equal(["flagged 3 months before", "flagged 6 months before", "flagged 12 months before"], footprint.FlaggedBefore.Select(f => f.Name));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal("year: 99 is not a year such as 2024", bad.Status.Detail);
    }

    [Fact]
    public async Task Each_programmes_demand_is_counted_at_five_31_marches_and_projected_three_years()
    {
        var capacity = server.Factory.Capacity(Keys.Manager);

        var demand = await capacity.GetDemandForecastAsync(new GetDemandForecastRequest(), cancellationToken: Cancel);
        var bad = await Assert.ThrowsAsync<RpcException>(() => capacity.GetDemandForecastAsync(new GetDemandForecastRequest { Years = 11 }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal("population-shma.csv", demand.Population);
        Assert.Equal(8, demand.Programmes.Count);
        Assert.All(demand.Programmes, p =>
        {
            Assert.Equal([false, false, false, false, false, true, true, true], p.Points.Select(x => x.Projected));
            Assert.Equal("2025-03-31", p.Points[4].AsOf);
            Assert.Equal(p.Points[5].Demand, p.NextYear);
            Assert.All(p.Points.Where(x => x.Projected), x => Assert.True(x.Low <= x.Demand && x.Demand <= x.High));
        });
        Assert.Equal("years: 11 is not between 1 and 10", bad.Status.Detail);
    }

    [Fact]
    public async Task The_impact_estimate_reproduces_the_report_through_the_api()
    {
        var impact = await server.Factory.Capacity(Keys.Manager).EstimateImpactAsync(new EstimateImpactRequest { ProgrammeId = "edge_of_care", Places = 135.5 }, cancellationToken: Cancel);

        Assert.Equal((309_618, 1_534_771, 1_225_153, 649_331), (Math.Round(impact.Cost), Math.Round(impact.GrossSavings), Math.Round(impact.NetSavings), Math.Round(impact.CashableSavings)));
        Assert.Equal(21.68, impact.CareEntriesPrevented!.Value, 6);
        var unpriced = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Capacity(Keys.Manager).EstimateImpactAsync(new EstimateImpactRequest { ProgrammeId = "substance_outreach", Places = 10 }, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, unpriced.StatusCode);
    }

    [Fact]
    public async Task Accepting_more_than_the_places_fills_the_programme_and_queues_the_rest_in_order_even_in_parallel()
    {
        var capacity = server.Factory.Capacity(Keys.Admin);
        var catalogue = await capacity.ListProgrammesAsync(new ListProgrammesRequest(), cancellationToken: Cancel);
        await capacity.UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = "steps", PlacesPerYear = 3, Version = catalogue.Version }, cancellationToken: Cancel);
        var suggestions = await SuggestionsForAsync("steps", 7);

        var referrals = server.Factory.Referrals(Keys.Mash);
        var decisions = await Task.WhenAll(suggestions.Select(id => referrals.RecordDecisionAsync(
            new RecordDecisionRequest { SuggestionId = id, Decision = DecisionKind.Accept, Worker = "W1" }, cancellationToken: Cancel).ResponseAsync));

        var enrolled = decisions.Where(d => d.Enrolment.Status == "enrolled").ToList();
        var waiting = decisions.Where(d => d.Enrolment.Status == "waiting").ToList();
        Assert.Equal(3, enrolled.Count);
        Assert.Equal(4, waiting.Count);
        var list = await referrals.GetWaitingListAsync(new GetWaitingListRequest { ProgrammeId = "steps" }, cancellationToken: Cancel);
        Assert.Equal([1, 2, 3, 4], list.Waiting.Select(w => w.Position));
        Assert.Equal(list.Waiting.Select(w => w.QueuedAt.ToDateTimeOffset()).Order(), list.Waiting.Select(w => w.QueuedAt.ToDateTimeOffset()));
        Assert.Equal(3, list.Enrolled);
        Assert.Equal(4 / 3.0 * 52, list.ExpectedWaitWeeks!.Value, 6);

        // Ending an enrolment gives the place to the head of the waiting list.
        var ended = await server.Factory.Referrals(Keys.Manager).EndEnrolmentAsync(new EndEnrolmentRequest { EnrolmentId = enrolled[0].Enrolment.EnrolmentId, Reason = "family moved away" }, cancellationToken: Cancel);
        var after = await referrals.GetWaitingListAsync(new GetWaitingListRequest { ProgrammeId = "steps" }, cancellationToken: Cancel);

        Assert.Equal("ended", ended.Ended.Status);
        Assert.Equal(list.Waiting[0].EnrolmentId, ended.Promoted.EnrolmentId);
        Assert.Equal("enrolled", ended.Promoted.Status);
        Assert.Equal(list.Waiting.Skip(1).Select(w => w.EnrolmentId), after.Waiting.Select(w => w.EnrolmentId));
        Assert.Equal([1, 2, 3], after.Waiting.Select(w => w.Position));
        Assert.Equal(3, after.Enrolled);
        var again = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Referrals(Keys.Manager).EndEnrolmentAsync(new EndEnrolmentRequest { EnrolmentId = enrolled[0].Enrolment.EnrolmentId, Reason = "twice" }, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var gaps = await server.Factory.Capacity(Keys.Manager).GetCapacityGapsAsync(new GetCapacityGapsRequest(), cancellationToken: Cancel);
        var steps = gaps.Gaps.Single(g => g.Programme.Id == "steps");
        Assert.Equal((3, 3), (steps.Enrolled, steps.Waiting));
    }

    [Fact]
    public async Task Programme_changes_are_validated_versioned_and_audited()
    {
        var capacity = server.Factory.Capacity(Keys.Admin);
        var catalogue = await capacity.ListProgrammesAsync(new ListProgrammesRequest(), cancellationToken: Cancel);

        var negative = await Assert.ThrowsAsync<RpcException>(() => capacity.UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = "pause", PlacesPerYear = -1 }, cancellationToken: Cancel).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => capacity.UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = "yoga", PlacesPerYear = 1 }, cancellationToken: Cancel).ResponseAsync);
        var changed = await capacity.UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = "pause", PlacesPerYear = 15, Version = catalogue.Version }, cancellationToken: Cancel);
        var stale = await Assert.ThrowsAsync<RpcException>(() => capacity.UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = "pause", PlacesPerYear = 20, Version = catalogue.Version }, cancellationToken: Cancel).ResponseAsync);
        var denied = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Capacity(Keys.Manager).UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = "pause", PlacesPerYear = 99 }, cancellationToken: Cancel).ResponseAsync);
        var costs = await capacity.UpdateCostModelAsync(new UpdateCostModelRequest { DomesticAbuseIncidentCost = 1200 }, cancellationToken: Cancel);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.PermissionDenied),
            (negative.StatusCode, unknown.StatusCode, stale.StatusCode, denied.StatusCode));
        Assert.Equal("places_per_year: -1 is not between 0 and 100,000", negative.Status.Detail);
        Assert.Equal(15, changed.Programmes.Single(p => p.Id == "pause").PlacesPerYear);
        Assert.Equal(catalogue.Version + 1, changed.Version);
        Assert.Equal(1200, costs.CostModel.DomesticAbuseIncidentCost);
        await using var db = server.Factory.Db();
        var audit = await db.Audit.Where(a => a.Action == "UpdateProgramme" && a.Outcome == "ok").Select(a => a.Detail).ToListAsync(Cancel);
        Assert.Contains("pause: PlacesPerYear 0 -> 15", audit);
        await capacity.UpdateCostModelAsync(new UpdateCostModelRequest { DomesticAbuseIncidentCost = 1183 }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task The_flagged_cohort_lists_suggested_families_riskiest_first_with_where_each_stands()
    {
        var referrals = server.Factory.Referrals(Keys.Mash);

        var all = await referrals.ListFlaggedCohortAsync(new ListFlaggedCohortRequest { PageSize = 500 }, cancellationToken: Cancel);
        var pause = await referrals.ListFlaggedCohortAsync(new ListFlaggedCohortRequest { Programme = "pause", Status = "not_referred", PageSize = 500 }, cancellationToken: Cancel);
        var high = await referrals.ListFlaggedCohortAsync(new ListFlaggedCohortRequest { RiskBand = "high", PageSize = 5 }, cancellationToken: Cancel);

        Assert.True(all.Total > 50);
        Assert.Equal(all.Families.Select(f => f.RiskScore).OrderDescending(), all.Families.Select(f => f.RiskScore));
        Assert.All(all.Families, f => Assert.NotEmpty(f.Suggestions));
        Assert.All(pause.Families, f => Assert.Contains(f.Suggestions, s => s.Programme == "pause" && s.Status == "not_referred"));
        Assert.All(high.Families, f => Assert.Equal("high", f.RiskBand));
        Assert.Equal(5, high.Families.Count);
        Assert.NotEmpty(high.NextPageToken);
    }

    /// <summary>Assesses cohort families until <paramref name="count"/> suggestions for the programme are open.</summary>
    private async Task<List<string>> SuggestionsForAsync(string programme, int count)
    {
        var flagged = await server.Factory.Referrals(Keys.Manager).ListFlaggedCohortAsync(
            new ListFlaggedCohortRequest { Programme = programme, Status = "not_referred", PageSize = 500 }, cancellationToken: Cancel);
        var ids = new List<string>();
        foreach (var family in flagged.Families)
        {
            var a = await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family.FamilyId }, cancellationToken: Cancel);
            ids.AddRange(a.Suggestions.Where(s => s.Programme == programme && s.Status == "open").Select(s => s.SuggestionId));
            if (ids.Count >= count)
            {
                return ids.Take(count).ToList();
            }
        }

        throw new InvalidOperationException($"only {ids.Count} families are suggested {programme}");
    }
}
