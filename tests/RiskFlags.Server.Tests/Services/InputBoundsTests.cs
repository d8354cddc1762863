using System.Net;
using System.Text;
using Grpc.Core;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>
/// D7, D8, D16: every reachable input is answered with a status that names the field, never UNKNOWN
/// or a 500, and no answer quotes more than a short prefix of what the caller sent.
/// </summary>
public sealed class InputBoundsTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static readonly string Huge = new('x', 10_000);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Token(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static TheoryData<string> Tokens => new() { Token("o:99999999999"), Token("o:-5"), Token("x:1"), "not base64!", Token(new string('9', 500)) };

    [Theory]
    [Trait("Finding", "D7")]
    [MemberData(nameof(Tokens))]
    public async Task A_page_token_this_service_did_not_give_out_is_invalid_argument_on_every_paged_call(string token)
    {
        var calls = new Func<Task>[]
        {
            () => server.Factory.Referrals(Keys.Mash).ListSuggestionsAsync(new ListSuggestionsRequest { PageToken = token }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Referrals(Keys.Mash).ListFlaggedCohortAsync(new ListFlaggedCohortRequest { PageToken = token }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Admin(Keys.Admin).ListAuditAsync(new ListAuditRequest { PageToken = token }, cancellationToken: Cancel).ResponseAsync,
        };

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal((StatusCode.InvalidArgument, "page_token: not a token this service gave out"), (error.StatusCode, error.Status.Detail));
        }
    }

    [Theory]
    [Trait("Finding", "D7")]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.1)]
    public async Task A_minimum_risk_that_is_not_a_probability_is_invalid_argument(double minRisk)
    {
        var listed = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Referrals(Keys.Mash).ListSuggestionsAsync(new ListSuggestionsRequest { MinRisk = minRisk }, cancellationToken: Cancel).ResponseAsync);
        var streamed = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.Factory.Assessments(Keys.Manager).AssessCohort(new AssessCohortRequest { Filter = new CohortFilter { MinRisk = minRisk } }, cancellationToken: Cancel).ResponseStream.MoveNext(Cancel));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (listed.StatusCode, streamed.StatusCode));
        Assert.StartsWith("min_risk:", listed.Status.Detail);
        Assert.StartsWith("filter.min_risk:", streamed.Status.Detail);
    }

    public static TheoryData<string, UpdateProgrammeRequest, string> BadProgrammes => new()
    {
        { "NaN places", new UpdateProgrammeRequest { Id = "triple_p", PlacesPerYear = double.NaN }, "places_per_year: NaN is not between 0 and 100,000" },
        { "infinite places", new UpdateProgrammeRequest { Id = "triple_p", PlacesPerYear = double.PositiveInfinity }, "places_per_year: Infinity is not between 0 and 100,000" },
        { "1e300 places", new UpdateProgrammeRequest { Id = "triple_p", PlacesPerYear = 1e300 }, "places_per_year: 1E+300 is not between 0 and 100,000" },
        { "NaN cost", new UpdateProgrammeRequest { Id = "triple_p", UnitCost = double.NaN }, "unit_cost: NaN is not between 0 and 100,000,000" },
        { "a megabyte of eligibility", new UpdateProgrammeRequest { Id = "triple_p", Eligibility = new string('e', 1 << 20) }, "eligibility: is 1,048,576 characters long; at most 500 are allowed" },
    };

    [Theory]
    [Trait("Finding", "D16")]
    [MemberData(nameof(BadProgrammes))]
    public async Task A_programme_edit_out_of_range_is_refused_naming_the_field(string what, UpdateProgrammeRequest request, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Capacity(Keys.Admin).UpdateProgrammeAsync(request, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.True(error.Status.Detail == message, $"{what}: {error.Status.Detail}");
    }

    [Theory]
    [Trait("Finding", "D16")]
    [InlineData(60, "weeks_in_care_per_year: 60 is not between 1 and 52")]
    [InlineData(1e308, "weeks_in_care_per_year: 1E+308 is not between 1 and 52")]
    [InlineData(double.NaN, "weeks_in_care_per_year: NaN is not between 1 and 52")]
    public async Task A_cost_model_edit_out_of_range_is_refused_naming_the_field(double weeks, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Capacity(Keys.Admin).UpdateCostModelAsync(new UpdateCostModelRequest { WeeksInCarePerYear = weeks }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, message), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    [Trait("Finding", "D16")]
    public async Task An_unknown_programme_or_pathway_filter_is_invalid_argument_rather_than_an_empty_answer()
    {
        var programme = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Referrals(Keys.Mash).ListFlaggedCohortAsync(new ListFlaggedCohortRequest { Programme = "stepz" }, cancellationToken: Cancel).ResponseAsync);
        var pathway = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Referrals(Keys.Mash).ListSuggestionsAsync(new ListSuggestionsRequest { Pathway = "edge" }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, programme.StatusCode);
        Assert.StartsWith("programme: 'stepz' is not one of dv_perpetrator, edge_of_care,", programme.Status.Detail);
        Assert.StartsWith("pathway: 'edge' is not one of", pathway.Status.Detail);
    }

    [Fact]
    [Trait("Finding", "D8")]
    public async Task Errors_quote_at_most_a_short_prefix_of_a_huge_value()
    {
        var calls = new Func<Task>[]
        {
            () => server.Factory.Referrals(Keys.Mash).GetWaitingListAsync(new GetWaitingListRequest { ProgrammeId = Huge }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Capacity(Keys.Admin).UpdateProgrammeAsync(new UpdateProgrammeRequest { Id = Huge }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Referrals(Keys.Mash).ListSuggestionsAsync(new ListSuggestionsRequest { Status = Huge }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Referrals(Keys.Mash).ListFlaggedCohortAsync(new ListFlaggedCohortRequest { RiskBand = Huge }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = Huge }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Admin(Keys.Admin).ReloadRulesAsync(new ReloadRequest { Name = Huge }, cancellationToken: Cancel).ResponseAsync,
            () => server.Factory.Capacity(Keys.Mash).EstimateImpactAsync(new EstimateImpactRequest { ProgrammeId = Huge, Places = 1 }, cancellationToken: Cancel).ResponseAsync,
        };

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Contains(error.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.NotFound });
            Assert.True(error.Status.Detail.Length < 300, RiskFlags.Core.Contract.ContractFields.Shorten(error.Status.Detail, 300));
        }
    }

    [Fact]
    [Trait("Finding", "D8")]
    public async Task An_ingest_with_thousands_of_long_rejections_is_answered_with_the_first_thousand_and_a_count()
    {
        using var call = server.Factory.Ingest(Keys.Admin).IngestEvents(cancellationToken: Cancel);
        for (var i = 0; i < 3000; i++)
        {
            await call.RequestStream.WriteAsync(new Event { EventId = $"BAD-{i}", PersonId = "P000001-01", Date = "2024-07-01", Source = "police", Type = "domestic_abuse_incident", Detail = new string('v', 5000) }, Cancel);
        }

        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal((3000, 0, 3000), (summary.Received, summary.Stored, summary.RejectedCount));
        Assert.Equal(1000, summary.Rejected.Count);
        Assert.True(summary.RejectionsTruncated);
        Assert.All(summary.Rejected, r => Assert.True(r.Reason.Length <= 300));
    }

    [Fact]
    [Trait("Finding", "D22")]
    public async Task An_ingested_event_larger_than_any_contract_row_is_refused_with_resource_exhausted()
    {
        using var call = server.Factory.Ingest(Keys.Admin).IngestEvents(cancellationToken: Cancel);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new Event { EventId = "BIG", PersonId = "P000001-01", Date = "2024-07-01", Source = "police", Type = "arrest", Detail = new string('v', 3_000_000) }, Cancel);
            await call.RequestStream.CompleteAsync();
            await call;
        });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    [Trait("Finding", "D7")]
    public async Task A_garbage_grpc_body_is_answered_with_a_status_never_unknown()
    {
        var http = server.Factory.CreateDefaultClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/riskflags.v1.Assessments/AssessFamily")
        {
            Version = HttpVersion.Version20,
            Content = new ByteArrayContent([0, 0, 0, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.Add("x-api-key", Keys.Mash);
        request.Headers.TE.ParseAdd("trailers");

        var response = await http.SendAsync(request, Cancel);
        await response.Content.ReadAsByteArrayAsync(Cancel);

        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.Single()
            : response.Headers.GetValues("grpc-status").Single();
        var message = response.TrailingHeaders.TryGetValues("grpc-message", out var m) ? m.Single()
            : response.Headers.TryGetValues("grpc-message", out var h) ? h.Single() : "";
        Assert.Equal(("3", "request: not a valid riskflags.v1.AssessFamilyRequest message"), (status, Uri.UnescapeDataString(message)));
        Assert.NotEqual(((int)StatusCode.Unknown).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
        Assert.NotEqual("0", status);
    }
}
