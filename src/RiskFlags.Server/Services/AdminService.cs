using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Referrals;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Audit;
using RiskFlags.Server.Hosting;
using RiskFlags.Server.Security;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>Versions and counts, reloading the rules and the model in this replica, the audit log, the model card.</summary>
public sealed class AdminService(
    RiskFlagsDbContext db, AuditRecord audit,
    StoreConnection store,
    IOptions<RiskFlagsOptions> options,
    LiveRuleSet rules,
    LiveModel model,
    CohortCache cohort,
    RequestDates dates,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<AdminService> logger) : V1.Admin.AdminBase
{
    [Authorize]
    public override async Task<V1.Status> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var counts = await LinkedDataStore.CountAsync(db, context.CancellationToken);
        var dataEnd = await LinkedDataStore.DataEndAsync(db, context.CancellationToken);
        var info = await StoreInfo.ReadAsync(db, context.CancellationToken);
        var caller = Caller.Of(context.GetHttpContext().User);
        // Where the store is and what the environment is are the operators' business: in Production only admins see them.
        var internals = !environment.IsProduction() || context.GetHttpContext().User.IsInRole(Roles.Admin);
        if (request.Drift && !context.GetHttpContext().User.IsInRole(Roles.DataScientist) && !context.GetHttpContext().User.IsInRole(Roles.Admin))
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, "drift: the drift check is for data scientists and admins"));
        }

        return new V1.Status
        {
            Drift = request.Drift ? await DriftAsync(context.CancellationToken) : null,
            ModelVersion = model.Current.Version,
            RulesVersion = rules.Current.Version,
            Families = counts.Families,
            People = counts.People,
            Events = counts.Events,
            OpenSuggestions = await db.Suggestions.Where(ReferralStore.IsPending).LongCountAsync(context.CancellationToken),
            DataRunsTo = dataEnd is { } end ? ContractFields.Iso(end) : "",
            Store = internals ? store.Describe() : "",
            Environment = internals ? environment.EnvironmentName : "",
            Caller = caller.Name,
            Role = caller.Role,
            Demo = info.Demo,
            DemoDetail = info.DemoDetail ?? "",
        };
    }

    /// <summary>The live model against the cohort it scores now (the cached cohort at the data's end).</summary>
    private async Task<V1.DriftCheck> DriftAsync(CancellationToken cancellationToken)
    {
        var live = model.Current;
        var asOf = (await dates.AsOfAsync("", db, cancellationToken)).AsOf;
        var view = await cohort.GetAsync(db, asOf, cancellationToken);
        Core.Monitoring.DriftReport report;
        try
        {
            report = Core.Monitoring.DriftCheck.Run(live, asOf, [.. view.Assessments.Where(a => a.InCohort)]);
        }
        catch (InvalidOperationException e)
        {
            throw RpcErrors.Precondition($"drift: {e.Message}");
        }

        static V1.FeatureShift Shift(Core.Monitoring.FeatureDrift f) => new() { Name = f.Name, Description = f.Description, Psi = f.StabilityIndex, Band = f.Band.ToString().ToLowerInvariant() };
        var message = new V1.DriftCheck
        {
            AsOf = ContractFields.Iso(report.AsOf), Families = report.Families, ModelVersion = report.ModelVersion, Score = Shift(report.Score), Drifted = report.Drifted,
            StableFeatures = report.Features.Count(f => f.Band is Core.Monitoring.DriftBand.Stable), TrainingBaseRate = report.TrainingBaseRate, MeanPredicted = report.MeanPredicted,
        };
        message.Shifted.Add(report.Features.Where(f => f.Band is not Core.Monitoring.DriftBand.Stable).OrderByDescending(f => f.StabilityIndex).Select(Shift));
        return message;
    }

    [Authorize(Roles = Roles.Admin)]
    [Audited]
    public override Task<ReloadResult> ReloadRules(ReloadRequest request, ServerCallContext context)
    {
        var folder = ReloadTarget.RulesFolder(request.Name, options.Value);
        var previous = rules.Current.Version;
        var (live, problems) = rules.Reload(folder);
        if (problems.Count > 0)
        {
            logger.LogWarning("Rule set {Name} refused ({Count} problems); version {Version} stays live", ReloadTarget.Describe(request.Name), problems.Count, live.Version);
            throw RpcErrors.Precondition($"the rule set {ReloadTarget.Describe(request.Name)} was refused and version {live.Version} stays live: {string.Join("; ", problems.Take(10))}");
        }

        logger.LogInformation("Rules reloaded: {Previous} -> {Version}", previous, live.Version);
        audit.Detail = $"{ReloadTarget.Describe(request.Name)}: {previous} -> {live.Version}";
        return Task.FromResult(new ReloadResult { Version = live.Version, PreviousVersion = previous });
    }

    [Authorize(Roles = Roles.Admin)]
    [Audited]
    public override Task<ReloadResult> ReloadModel(ReloadRequest request, ServerCallContext context)
    {
        var file = ReloadTarget.ModelFile(request.Name, options.Value);
        var previous = model.Current.Version;
        var (live, problem) = model.Reload(file);
        if (problem is not null)
        {
            logger.LogWarning("Model {Name} refused; version {Version} stays live", ReloadTarget.Describe(request.Name), live.Version);
            throw RpcErrors.Precondition($"the model {ReloadTarget.Describe(request.Name)} was refused and version {live.Version} stays live: {problem}");
        }

        logger.LogInformation("Model reloaded: {Previous} -> {Version}", previous, live.Version);
        audit.Detail = $"{ReloadTarget.Describe(request.Name)}: {previous} -> {live.Version}";
        return Task.FromResult(new ReloadResult { Version = live.Version, PreviousVersion = previous });
    }

    [Authorize(Roles = Roles.Admin)]
    public override async Task<ListAuditResponse> ListAudit(ListAuditRequest request, ServerCallContext context)
    {
        var (offset, size) = PageToken.Read(request.PageToken, request.PageSize);
        var query = db.Audit.AsNoTracking();
        query = request.FamilyId.Length > 0 ? query.Where(a => a.FamilyId == request.FamilyId) : query;
        query = request.Caller.Length > 0 ? query.Where(a => a.Caller == request.Caller) : query;
        query = request.Action.Length > 0 ? query.Where(a => a.Action == request.Action) : query;
        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderByDescending(a => a.Id).Skip(offset).Take(size).ToListAsync(context.CancellationToken);
        var response = new ListAuditResponse { NextPageToken = PageToken.Next(offset, size, total) };
        response.Entries.Add(page.Select(a => new AuditEntry
        {
            Id = a.Id, At = Timestamp.FromDateTimeOffset(a.At), Caller = a.Caller, Role = a.Role, Action = a.Action,
            FamilyId = a.FamilyId ?? "", Outcome = a.Outcome, Detail = a.Detail ?? "",
        }));
        return response;
    }

    [Authorize(Roles = Roles.Admin)]
    [Audited]
    public override async Task<V1.SubjectExport> ExportPerson(ExportPersonRequest request, ServerCallContext context)
    {
        if (ContractFields.CheckIdentifier(request.PersonId) is { } malformed)
        {
            throw RpcErrors.Invalid("person_id", malformed);
        }

        var records = await Data.SubjectExport.PersonAsync(db, request.PersonId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("person_id", $"no person {RpcErrors.Quote(request.PersonId)}");
        audit.Returned(Data.SubjectExport.Families(records));
        audit.Detail = $"person {request.PersonId}: {records.Count} records";
        return new V1.SubjectExport { Subject = $"person:{request.PersonId}", Records = records.Count, Json = Data.SubjectExport.ToJson($"person:{request.PersonId}", records, clock.GetUtcNow()) };
    }

    [Authorize(Roles = Roles.ModelInternals)]
    public override async Task<V1.ModelCard> GetModelCard(GetModelCardRequest request, ServerCallContext context)
    {
        var live = model.Current;
        var json = Path.ChangeExtension(live.Path, ".card.json");
        var markdown = Path.ChangeExtension(live.Path, ".card.md");
        if (!File.Exists(json) || !File.Exists(markdown))
        {
            throw RpcErrors.NotFound("model", $"the live model {live.Version} has no card beside it ({Path.GetFileName(json)})");
        }

        return new V1.ModelCard
        {
            Version = live.Version,
            Json = await File.ReadAllTextAsync(json, context.CancellationToken),
            Markdown = await File.ReadAllTextAsync(markdown, context.CancellationToken),
        };
    }
}
