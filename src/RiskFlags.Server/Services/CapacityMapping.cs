using Microsoft.Extensions.Caching.Memory;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;

namespace RiskFlags.Server.Services;

internal static class CapacityMapping
{
    public static V1.Programme ToMessage(Programme p)
    {
        var m = new V1.Programme
        {
            Id = p.Id, Name = p.Name, Pathway = p.Pathway, Eligibility = p.Eligibility, PlacesPerYear = p.PlacesPerYear,
            InterventionWeeks = p.InterventionWeeks, CostUnit = System.Text.Json.JsonSerializer.Serialize(p.CostUnit).Trim('"'),
            Evidence = p.Evidence, Source = p.Source, ProposedPlaces = p.ProposedPlaces, UnitCost = p.UnitCost,
            CareEntriesPreventedPerFamily = p.CareEntriesPreventedPerFamily, IncidentsAvertedPerPlace = p.IncidentsAvertedPerPlace, RelativeRiskReduction = p.RelativeRiskReduction,
        };
        return m;
    }

    public static V1.CostModel ToMessage(CostModel c) => new()
    {
        WeeksInCarePerYear = c.WeeksInCarePerYear, WeeklyPlacementCost = c.WeeklyPlacementCost, PlacementShareOfCost = c.PlacementShareOfCost,
        LookedAfterChildYearCost = c.LookedAfterChildYearCost, CashableShareOfNet = c.CashableShareOfNet, DomesticAbuseIncidentCost = c.DomesticAbuseIncidentCost,
    };

    public static V1.ProgrammeCatalogue ToMessage(ProgrammeCatalogue catalogue, int version)
    {
        var m = new V1.ProgrammeCatalogue { CostModel = ToMessage(catalogue.CostModel), Version = version };
        m.Programmes.Add(catalogue.Programmes.Select(ToMessage));
        return m;
    }

    public static V1.Impact ToMessage(Impact i)
    {
        var m = new V1.Impact
        {
            ProgrammeId = i.ProgrammeId, Places = i.Places, Cost = i.Cost, GrossSavings = i.GrossSavings, NetSavings = i.NetSavings,
            CashableSavings = i.CashableSavings, CostNeutralCareEntries = i.CostNeutralCareEntries, CostNeutralShare = i.CostNeutralShare,
            CareEntriesPrevented = i.CareEntriesPrevented, IncidentsAverted = i.IncidentsAverted,
        };
        return m;
    }

    public static V1.Enrolment ToMessage(EnrolmentRow e, int position = 0) => new()
    {
        EnrolmentId = e.EnrolmentId, ProgrammeId = e.ProgrammeId, FamilyId = e.FamilyId, SuggestionId = e.SuggestionId, Status = e.Status,
        Position = position, QueuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(e.QueuedAt, TimeSpan.Zero)), Year = e.Year,
    };
}
