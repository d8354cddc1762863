using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Footprint;
using RiskFlags.Core.Forecast;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Audit;
using RiskFlags.Server.Hosting;
using RiskFlags.Server.Security;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>
/// What early help managers plan with: the programmes and their commissioned places, the cost model,
/// each programme's capacity gap from live data, and what closing it (or any number of places) would
/// cost and save. Admins edit the catalogue; every change is audited.
/// </summary>
public sealed class CapacityService(
    RiskFlagsDbContext db, AuditRecord audit,
    IOptions<RiskFlagsOptions> options,
    StoreView store,
    CohortCache cohort,
    ReferralBookCache books,
    RequestDates dates,
    LiveRuleSet rules,
    LiveModel model,
    TimeProvider time,
    ILogger<CapacityService> logger) : V1.Capacity.CapacityBase
{
    [Authorize(Roles = Roles.FamilyWork)]
    public override async Task<V1.ProgrammeCatalogue> ListProgrammes(ListProgrammesRequest request, ServerCallContext context)
    {
        var (catalogue, version) = await LoadAsync(context.CancellationToken);
        return CapacityMapping.ToMessage(catalogue, version);
    }

    [Authorize(Roles = Roles.Admin)]
    [Audited]
    public override async Task<V1.ProgrammeCatalogue> UpdateProgramme(UpdateProgrammeRequest request, ServerCallContext context)
    {
        var (catalogue, version) = await LoadAsync(context.CancellationToken);
        var old = catalogue.Find(request.Id) ?? throw RpcErrors.NotFound("id", $"no programme {RpcErrors.Quote(request.Id)}");
        var changed = old with
        {
            PlacesPerYear = request.PlacesPerYear ?? old.PlacesPerYear,
            ProposedPlaces = request.ProposedPlaces ?? old.ProposedPlaces,
            InterventionWeeks = request.InterventionWeeks ?? old.InterventionWeeks,
            UnitCost = request.UnitCost ?? old.UnitCost,
            CareEntriesPreventedPerFamily = request.CareEntriesPreventedPerFamily ?? old.CareEntriesPreventedPerFamily,
            IncidentsAvertedPerPlace = request.IncidentsAvertedPerPlace ?? old.IncidentsAvertedPerPlace,
            Eligibility = request.Eligibility ?? old.Eligibility,
        };
        var updated = catalogue with { Programmes = [.. catalogue.Programmes.Select(p => p.Id == old.Id ? changed : p)] };
        CheckValid(updated);
        if (changed.PlacesPerYear > old.PlacesPerYear)
        {
            // New places go to the families already waiting, in order, in the change's own transaction.
            await db.Database.BeginTransactionAsync(context.CancellationToken);
            await CapacityStore.TakeTicketAsync(db, old.Id, context.CancellationToken);
            var promoted = await CapacityStore.FillFreePlacesAsync(db, old.Id, changed.PlacesPerYear, time.GetUtcNow(), context.CancellationToken);
            audit.Returned(promoted.Select(p => p.FamilyId));
        }

        var newVersion = await SaveAsync(updated, version, request.Version, context);
        var what = Differences(old, changed);
        logger.LogInformation("Programme {Programme} changed by {Caller}: {Changes}", old.Id, Caller.Of(context.GetHttpContext().User).Name, what);
        audit.Detail = $"{old.Id}: {what}";
        return CapacityMapping.ToMessage(updated, newVersion);
    }

    [Authorize(Roles = Roles.Admin)]
    [Audited]
    public override async Task<V1.ProgrammeCatalogue> UpdateCostModel(UpdateCostModelRequest request, ServerCallContext context)
    {
        var (catalogue, version) = await LoadAsync(context.CancellationToken);
        var c = catalogue.CostModel;
        var changed = c with
        {
            WeeksInCarePerYear = request.WeeksInCarePerYear ?? c.WeeksInCarePerYear,
            WeeklyPlacementCost = request.WeeklyPlacementCost ?? c.WeeklyPlacementCost,
            PlacementShareOfCost = request.PlacementShareOfCost ?? c.PlacementShareOfCost,
            LookedAfterChildYearCost = request.LookedAfterChildYearCost ?? c.LookedAfterChildYearCost,
            CashableShareOfNet = request.CashableShareOfNet ?? c.CashableShareOfNet,
            DomesticAbuseIncidentCost = request.DomesticAbuseIncidentCost ?? c.DomesticAbuseIncidentCost,
        };
        var updated = catalogue with { CostModel = changed };
        CheckValid(updated);
        var newVersion = await SaveAsync(updated, version, request.Version, context);
        audit.Detail = $"cost model: {Differences(c, changed)}";
        return CapacityMapping.ToMessage(updated, newVersion);
    }

    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<CapacityGaps> GetCapacityGaps(GetCapacityGapsRequest request, ServerCallContext context)
    {
        var (asOf, isDataEnd) = await dates.AsOfAsync(request.AsOf, db, context.CancellationToken);
        var (catalogue, _) = await LoadAsync(context.CancellationToken);
        var year = CapacityStore.ProgrammeYear(time.GetUtcNow());
        var gaps = CapacityReport.Build(
            catalogue,
            (await cohort.GetAsync(db, asOf, context.CancellationToken)).Assessments,
            await CapacityStore.UptakeAsync(db, year, context.CancellationToken),
            await books.GetAsync(await store.GetAsync(db, context.CancellationToken), context.CancellationToken));
        var response = new CapacityGaps { AsOf = ContractFields.Iso(asOf), ProgrammeYear = year, CostModel = CapacityMapping.ToMessage(catalogue.CostModel) };
        response.Gaps.Add(gaps.Select(g =>
        {
            var m = new V1.CapacityGap
            {
                Programme = CapacityMapping.ToMessage(g.Programme), Places = g.Places, Enrolled = g.Enrolled, Waiting = g.Waiting,
                FlaggedNotReferred = g.FlaggedNotReferred, Demand = g.Demand, Gap = g.Gap, NotPriced = g.NotPriced ?? "",
                ClosingTheGap = g.ClosingTheGap is { } closing ? CapacityMapping.ToMessage(closing) : null, ExpectedWaitWeeks = g.ExpectedWaitWeeks,
                OptimalPlaces = g.Marginal.OptimalPlaces, CostToOptimum = g.Marginal.CostToOptimum, SavingToOptimum = g.Marginal.SavingToOptimum,
            };
            m.Offers.Add(g.Offers.Select(o => o.Candidate.FamilyId));
            m.Marginal.Add(g.Marginal.Places.Select(p => new V1.MarginalPlace
            {
                Place = p.Place, FamilyId = p.FamilyId, Enrolled = p.Enrolled, ExpectedBenefit = p.ExpectedBenefit, ExpectedSaving = p.ExpectedSaving, Cost = p.Cost,
            }));
            return m;
        }));

        // The live allocation (as of the data's end, like the suggestions themselves) is recorded on each
        // ranked suggestion, so a decision can be traced to the ranking it followed; a look back is not.
        var recorded = isDataEnd ? await SuggestionStore.RecordRanksAsync(db, gaps, time.GetUtcNow(), context.CancellationToken) : 0;

        // The offer lists and curves name families: every one returned is in the call's audit row.
        audit.Returned(gaps.SelectMany(g => g.Marginal.Places.Select(p => p.FamilyId)).Distinct(StringComparer.Ordinal));
        audit.Detail = isDataEnd ? $"as_of {ContractFields.Iso(asOf)}, ranks recorded on {recorded} suggestions" : $"as_of {ContractFields.Iso(asOf)}, a look back: no ranks recorded";
        return response;
    }

    [Authorize(Roles = Roles.FamilyWork)]
    public override async Task<V1.Impact> EstimateImpact(EstimateImpactRequest request, ServerCallContext context)
    {
        var (catalogue, _) = await LoadAsync(context.CancellationToken);
        var programme = catalogue.Find(request.ProgrammeId) ?? throw RpcErrors.NotFound("programme_id", $"no programme {RpcErrors.Quote(request.ProgrammeId)}");
        if (!double.IsFinite(request.Places) || request.Places is < 0 or > Core.Capacity.ProgrammeCatalogue.MaximumPlaces)
        {
            throw RpcErrors.Invalid("places", $"{request.Places} is not between 0 and 100,000");
        }

        try
        {
            return CapacityMapping.ToMessage(ImpactCalculator.Estimate(programme, catalogue.CostModel, request.Places));
        }
        catch (InvalidOperationException e)
        {
            throw RpcErrors.Precondition($"programme_id: {e.Message}");
        }
    }

    private async Task<(Core.Capacity.ProgrammeCatalogue Catalogue, int Version)> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CapacityStore.CatalogueAsync(db, options.Value.ProgrammesPath, time, cancellationToken);
        }
        catch (CatalogueException e)
        {
            throw RpcErrors.Precondition($"the programme catalogue {options.Value.ProgrammesPath} is invalid: {e.Problems[0]}");
        }
    }

    private static void CheckValid(Core.Capacity.ProgrammeCatalogue updated)
    {
        if (Core.Capacity.ProgrammeCatalogue.Validate(updated) is { Count: > 0 } problems)
        {
            throw RpcErrors.Invalid(problems[0].ApiField ?? "programme", problems[0].Message);
        }
    }

    private async Task<int> SaveAsync(Core.Capacity.ProgrammeCatalogue updated, int current, int given, ServerCallContext context)
    {
        if (given != 0 && given != current)
        {
            throw RpcErrors.Precondition($"version: the catalogue is at version {current}, not {given}; reload it and make the change again");
        }

        try
        {
            return await CapacityStore.SaveCatalogueAsync(db, updated, current, Caller.Of(context.GetHttpContext().User).Name, time, context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RpcErrors.Precondition("version: someone else changed the catalogue at the same time; reload it and make the change again");
        }
    }

    private static string Differences<T>(T before, T after) =>
        string.Join(", ", typeof(T).GetProperties()
            .Where(p => !Equals(p.GetValue(before), p.GetValue(after)))
            .Select(p => $"{p.Name} {p.GetValue(before) ?? "none"} -> {p.GetValue(after) ?? "none"}")) is { Length: > 0 } text ? text : "no change";

    [Authorize(Roles = Roles.FamilyWork)]
    public override async Task<V1.Forecast> GetForecast(GetForecastRequest request, ServerCallContext context)
    {
        var years = request.Years == 0 ? 10 : request.Years;
        if (years is < 0 or > 50)
        {
            throw RpcErrors.Invalid("years", $"{request.Years} is not between 0 and 50");
        }

        try
        {
            var catalogue = ForecastCatalogue.Load(Path.Combine(options.Value.RulesPath!, ForecastCatalogue.FileName));
            var chosen = request.Scenario is "" or "all"
                ? catalogue.Scenarios
                : [catalogue.Find(request.Scenario) ?? throw RpcErrors.NotFound("scenario", $"{RpcErrors.Quote(request.Scenario)} is not one of {string.Join(", ", catalogue.Scenarios.Select(s => s.Name))}")];
            var response = new V1.Forecast { BaseYear = catalogue.BaseYear };
            response.Scenarios.Add(chosen.Select(s => ForecastMapping.ToMessage(s, LookedAfterForecast.Run(s, catalogue.Population(s), catalogue.BaseYear, years))));
            if (request.FromStore)
            {
                var template = catalogue.Find("Rising LAC") ?? catalogue.Scenarios[0];
                var data = await LinkedDataStore.LoadIndexAsync(db, context.CancellationToken);
                var own = FittedScenario.From(data.Families, data.DataEnd, template, catalogue.Population(template), "this service's store", years);
                response.Scenarios.Add(ForecastMapping.ToMessage(own.Scenario, own.Years));
                response.StoreFit = ForecastMapping.ToMessage(own.Fit);
            }

            return response;
        }
        catch (ForecastException e)
        {
            throw RpcErrors.Precondition($"the forecast's inputs are invalid: {e.Message}");
        }
    }

    [Authorize(Roles = Roles.FamilyWork)]
    public override async Task<V1.Footprint> GetFootprint(GetFootprintRequest request, ServerCallContext context)
    {
        var snapshot = await store.GetAsync(db, context.CancellationToken);
        var end = snapshot.DataEnd ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var year = request.Year == 0 ? (end.Month >= 4 ? end.Year + 1 : end.Year) : request.Year;
        if (year is < 1950 or > 2200)
        {
            throw RpcErrors.Invalid("year", $"{request.Year} is not a year such as 2024");
        }

        var data = await LinkedDataStore.LoadIndexAsync(db, context.CancellationToken);
        var f = CareEntryFootprint.Build(data.Families, new FamilyAssessor(model.Current, rules.Current), year, await ReferralStore.ContactsAsync(db, context.CancellationToken));
        var response = new V1.Footprint
        {
            Year = f.Year, From = ContractFields.Iso(f.From), To = ContractFields.Iso(f.To), Entrants = f.Entrants,
            Suppressed = f.Entrants < CareEntryFootprint.SmallestGroup,
        };
        static IEnumerable<V1.FootprintShare> Shares(IEnumerable<Core.Footprint.FootprintShare> shares) =>
            shares.Select(s => new V1.FootprintShare { Name = s.Name, Children = s.Children, Share = s.Share });
        response.Agencies.Add(Shares(f.Agencies));
        response.FlaggedBefore.Add(Shares(f.FlaggedBefore));
        response.FlaggedByPathway.Add(Shares(f.FlaggedByPathway));
        response.ProgrammesBefore.Add(Shares(f.ProgrammesBefore));
        return response;
    }

    [Authorize(Roles = Roles.FamilyWork)]
    public override async Task<V1.DemandForecast> GetDemandForecast(GetDemandForecastRequest request, ServerCallContext context)
    {
        var history = request.History == 0 ? 5 : request.History;
        var years = request.Years == 0 ? 3 : request.Years;
        if (history is < 1 or > 20)
        {
            throw RpcErrors.Invalid("history", $"{request.History} is not between 1 and 20");
        }

        if (years is < 1 or > 10)
        {
            throw RpcErrors.Invalid("years", $"{request.Years} is not between 1 and 10");
        }

        var (catalogue, _) = await LoadAsync(context.CancellationToken);
        PopulationSeries population;
        try
        {
            population = PopulationSeries.Load(Path.Combine(options.Value.RulesPath!, "population-shma.csv"));
        }
        catch (ForecastException e)
        {
            throw RpcErrors.Precondition($"the population series is invalid: {e.Message}");
        }

        var data = await LinkedDataStore.LoadIndexAsync(db, context.CancellationToken);
        if (data.DataEnd is not { } end)
        {
            throw RpcErrors.Precondition("the store holds no events, so there is no 31 March to count at");
        }

        var response = new V1.DemandForecast { Population = population.Source };
        foreach (var forecast in DemandHistory.Forecast(new FamilyAssessor(model.Current, rules.Current), data.Families, end, history, years, [.. catalogue.Programmes.Select(p => p.Id)], population))
        {
            var m = new ProgrammeDemand { ProgrammeId = forecast.Programme, NextYear = forecast.NextYear?.Demand };
            m.Points.Add(forecast.Points.Select(p => new V1.DemandPoint { AsOf = ContractFields.Iso(p.AsOf), Demand = p.Demand, Projected = p.Projected, Low = p.Low, High = p.High }));
            response.Programmes.Add(m);
        }

        return response;
    }
}
