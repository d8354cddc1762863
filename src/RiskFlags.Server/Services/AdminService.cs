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

/// <summary>Versions and counts, reloading the rules in this replica, the model registry, the audit log, the model card, a person's export.</summary>
public sealed class AdminService(
    RiskFlagsDbContext db, AuditRecord audit,
    StoreConnection store,
    IOptions<RiskFlagsOptions> options,
    LiveRuleSet rules,
    LiveModel model,
    PublishedModel published,
    ModelPublisher publisher,
    StoreView view,
    CohortCache cohort,
    RequestDates dates,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<AdminService> logger) : V1.Admin.AdminBase
{
    [Authorize]
    public override async Task<V1.Status> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        // Brings this replica up to the store first, so the model version answered is the published one.
        await view.GetAsync(db, context.CancellationToken);
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
    public override async Task<ReloadResult> ReloadModel(ReloadRequest request, ServerCallContext context)
    {
        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            throw RpcErrors.Precondition(
                $"name: only the store's published model scores, so a reload cannot name a file ({RpcErrors.Quote(request.Name)}); publish it: riskflags model publish FILE --reason \"...\"");
        }

        var previous = model.Current.Version;
        await published.ReloadAsync(context.CancellationToken);
        audit.Detail = $"the published model: {previous} -> {model.Current.Version}";
        return new ReloadResult { Version = model.Current.Version, PreviousVersion = previous };
    }

    [Authorize(Roles = Roles.ModelInternals)]
    [Audited]
    public override async Task<Publication> PublishModel(PublishModelRequest request, ServerCallContext context)
    {
        var previous = model.Current.Version;
        var row = await publisher.PublishAsync(request.Model.ToByteArray(), request.Reason, request.CardJson, request.CardMarkdown, Caller.Of(context.GetHttpContext().User), context.CancellationToken);
        logger.LogInformation("Model published: {Previous} -> {Version} (registry publication {Id})", previous, row.Version, row.Id);
        audit.Detail = $"{previous} -> {row.Version}: {row.Reason}";
        return ToPublication(row, live: true);
    }

    [Authorize(Roles = Roles.ModelInternals)]
    [Audited]
    public override async Task<Publication> RollbackModel(RollbackModelRequest request, ServerCallContext context)
    {
        var previous = model.Current.Version;
        var row = await publisher.RollbackAsync(request.Version, request.Reason, Caller.Of(context.GetHttpContext().User), context.CancellationToken);
        logger.LogInformation("Model rolled back: {Previous} -> {Version} (registry publication {Id})", previous, row.Version, row.Id);
        audit.Detail = $"{previous} -> {row.Version}: {row.Reason}";
        return ToPublication(row, live: true);
    }

    [Authorize(Roles = Roles.ModelInternals)]
    public override async Task<V1.ModelRegistry> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var rows = await Data.ModelRegistry.ListAsync(db, context.CancellationToken);
        var registry = new V1.ModelRegistry { LiveVersion = rows.Count > 0 ? rows[0].Version : "" };
        registry.Publications.Add(rows.Select((r, i) => ToPublication(r, live: i == 0)));
        return registry;
    }

    private static Publication ToPublication(ModelRegistryRow row, bool live) => new()
    {
        Id = row.Id, Version = row.Version, Action = row.Action, PublishedAt = Timestamp.FromDateTimeOffset(row.PublishedAt), PublishedBy = row.PublishedBy,
        Role = row.Role, Reason = row.Reason, PreviousVersion = row.PreviousVersion ?? "", Live = live, ComparisonJson = row.Comparison ?? "",
        ComparisonDetail = row.ComparisonDetail ?? "",
    };

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
        var row = await Data.ModelRegistry.FindAsync(db, live.Version, context.CancellationToken);
        if (row?.CardJson is null || row.CardMarkdown is null)
        {
            throw RpcErrors.NotFound("model", $"the live model {live.Version} was published without its card (.card.json and .card.md)");
        }

        return new V1.ModelCard { Version = live.Version, Json = row.CardJson, Markdown = row.CardMarkdown };
    }
}
