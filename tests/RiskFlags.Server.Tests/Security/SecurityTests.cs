using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Security;

public sealed class SecurityTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string?, string, StatusCode> Calls => new()
    {
        { null, "AssessFamily", StatusCode.Unauthenticated },
        { "not-a-key-at-all", "AssessFamily", StatusCode.Unauthenticated },
        { Keys.Scientist, "AssessFamily", StatusCode.PermissionDenied },
        { Keys.Scientist, "GetFamilyTimeline", StatusCode.PermissionDenied },
        { Keys.Scientist, "RecordDecision", StatusCode.PermissionDenied },
        { Keys.Mash, "AssessCohort", StatusCode.PermissionDenied },
        { Keys.Manager, "ReloadRules", StatusCode.PermissionDenied },
        { Keys.Scientist, "ReloadModel", StatusCode.PermissionDenied },
        { Keys.Manager, "PublishModel", StatusCode.PermissionDenied },
        { Keys.Mash, "RollbackModel", StatusCode.PermissionDenied },
        { Keys.Manager, "ListModels", StatusCode.PermissionDenied },
        { Keys.Mash, "ListAudit", StatusCode.PermissionDenied },
        { Keys.Mash, "GetModelCard", StatusCode.PermissionDenied },
        { Keys.Manager, "IngestEvents", StatusCode.PermissionDenied },
        { null, "GetStatus", StatusCode.Unauthenticated },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Every_rpc_needs_a_caller_with_a_role_it_allows(string? key, string method, StatusCode expected)
    {
        var f = server.Factory;
        Func<Task> call = method switch
        {
            "AssessFamily" => () => f.Assessments(key).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000001" }, cancellationToken: Cancel).ResponseAsync,
            "GetFamilyTimeline" => () => f.Referrals(key).GetFamilyTimelineAsync(new GetFamilyTimelineRequest { FamilyId = "F000001" }, cancellationToken: Cancel).ResponseAsync,
            "RecordDecision" => () => f.Referrals(key).RecordDecisionAsync(new RecordDecisionRequest { SuggestionId = "s_x", Decision = DecisionKind.Accept, Worker = "w1" }, cancellationToken: Cancel).ResponseAsync,
            "AssessCohort" => async () => await f.Assessments(key).AssessCohort(new AssessCohortRequest(), cancellationToken: Cancel).ResponseStream.MoveNext(Cancel),
            "ReloadRules" => () => f.Admin(key).ReloadRulesAsync(new ReloadRequest(), cancellationToken: Cancel).ResponseAsync,
            "ReloadModel" => () => f.Admin(key).ReloadModelAsync(new ReloadRequest(), cancellationToken: Cancel).ResponseAsync,
            "PublishModel" => () => f.Admin(key).PublishModelAsync(new PublishModelRequest { Reason = "r" }, cancellationToken: Cancel).ResponseAsync,
            "RollbackModel" => () => f.Admin(key).RollbackModelAsync(new RollbackModelRequest { Reason = "r" }, cancellationToken: Cancel).ResponseAsync,
            "ListModels" => () => f.Admin(key).ListModelsAsync(new ListModelsRequest(), cancellationToken: Cancel).ResponseAsync,
            "ListAudit" => () => f.Admin(key).ListAuditAsync(new ListAuditRequest(), cancellationToken: Cancel).ResponseAsync,
            "GetModelCard" => () => f.Admin(key).GetModelCardAsync(new GetModelCardRequest(), cancellationToken: Cancel).ResponseAsync,
            "IngestEvents" => async () =>
            {
                using var stream = f.Ingest(key).IngestEvents(cancellationToken: Cancel);
                await stream.RequestStream.CompleteAsync();
                await stream.ResponseAsync;
            },
            "GetStatus" => () => f.Admin(key).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

        var error = await Assert.ThrowsAsync<RpcException>(call);

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task A_refused_attempt_at_a_familys_data_is_audited()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            server.Factory.Assessments(Keys.Scientist).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000002" }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        await using var db = server.Factory.Db();
        Assert.True(await db.Audit.AnyAsync(r => r.Caller == "dev-data-scientist" && r.Action == "AssessFamily" && r.Outcome == "permission_denied", Cancel));
    }

    [Fact]
    public async Task The_json_route_returns_the_same_assessment_and_401_without_a_key()
    {
        var family = server.TakeFamily();
        var grpc = await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family, AsOf = "2024-03-31" }, cancellationToken: Cancel);
        var http = server.Factory.CreateClient();

        var anonymous = await http.GetAsync($"/v1/families/{family}/assessment?as_of=2024-03-31", Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/families/{family}/assessment?as_of=2024-03-31");
        request.Headers.Add("x-api-key", Keys.Mash);
        var response = await http.SendAsync(request, Cancel);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(family, json.GetProperty("familyId").GetString());
        Assert.Equal(grpc.RiskScore, json.GetProperty("riskScore").GetDouble(), 12);
        Assert.Equal(grpc.Flags.Select(f => f.Rule), json.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        Assert.Equal(grpc.Suggestions.Select(s => s.SuggestionId), json.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("suggestionId").GetString()));
        Assert.Equal(grpc.ModelVersion, json.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task A_json_route_maps_bad_input_to_http_status_codes()
    {
        var http = server.Factory.CreateClient();
        http.DefaultRequestHeaders.Add("x-api-key", Keys.Mash);

        var missing = await http.GetAsync("/v1/families/F999999/assessment", Cancel);
        var forbidden = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/audit");
        var denied = await http.SendAsync(forbidden, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("family_id: no family 'F999999'", await missing.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
