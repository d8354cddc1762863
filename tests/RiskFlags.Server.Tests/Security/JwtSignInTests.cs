using System.Security.Claims;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Security;

/// <summary>
/// Sign-in through a council's identity provider: a token signed with the key configured under
/// Authentication:Schemes:Bearer (as dotnet user-jwts writes it) carries its roles and names its caller.
/// </summary>
public sealed class JwtSignInTests
{
    private const string Issuer = "https://idp.council.example";
    private const string Audience = "riskflags";
    private static readonly byte[] SigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ServerFactory Server(params (string Key, string Value)[] extra)
    {
        var server = new ServerFactory { DemoFamilies = 60 };
        server.Settings["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer;
        server.Settings["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience;
        server.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer;
        server.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(SigningKey);
        foreach (var (key, value) in extra)
        {
            server.Settings[key] = value;
        }

        return server;
    }

    private static string Token(IDictionary<string, object> claims, DateTime? expires = null, byte[]? key = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Claims = claims,
        NotBefore = DateTime.UtcNow.AddHours(-2),
        Expires = expires ?? DateTime.UtcNow.AddHours(1),
        IssuedAt = DateTime.UtcNow.AddHours(-2),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task A_signed_token_with_a_role_calls_a_role_gated_rpc_and_the_audit_names_its_subject()
    {
        await using var server = Server();
        var token = Token(new Dictionary<string, object> { ["sub"] = "jo.bloggs@council.example", ["role"] = "mash_worker" });
        var assessments = new Assessments.AssessmentsClient(server.BearerChannel(token));

        var assessment = await assessments.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000001" }, cancellationToken: Cancel);

        Assert.Equal("F000001", assessment.FamilyId);
        await using var db = server.Db();
        var row = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == "AssessFamily" && a.FamilyId == "F000001", Cancel);
        Assert.Equal("jo.bloggs@council.example", row.Caller);
        Assert.Equal("mash_worker", row.Role);
        Assert.Equal("ok", row.Outcome);
        var status = await new Admin.AdminClient(server.BearerChannel(token)).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);
        Assert.Equal(("jo.bloggs@council.example", "mash_worker"), (status.Caller, status.Role));
    }

    [Fact]
    public async Task An_entra_style_token_gives_roles_from_its_roles_array_and_the_caller_from_oid_when_configured_so()
    {
        await using var server = Server(("RiskFlags:Jwt:RoleClaim", "roles"), ("RiskFlags:Jwt:CallerClaim", "oid"));
        var token = Token(new Dictionary<string, object>
        {
            ["sub"] = "pairwise-subject",
            ["oid"] = "5f1c2a9e-0d1b-4c55-9a57-3a2f3c9b7e11",
            ["roles"] = new[] { "admin", "early_help_manager" },
        });

        var audit = await new Admin.AdminClient(server.BearerChannel(token)).ListAuditAsync(new ListAuditRequest { PageSize = 1 }, cancellationToken: Cancel);
        var status = await new Admin.AdminClient(server.BearerChannel(token)).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);

        Assert.NotNull(audit);
        Assert.Equal("5f1c2a9e-0d1b-4c55-9a57-3a2f3c9b7e11", status.Caller);
        Assert.Equal("admin,early_help_manager", status.Role);
    }

    public static TheoryData<string, StatusCode> Refused => new()
    {
        { "no role of ours", StatusCode.PermissionDenied },
        { "expired", StatusCode.Unauthenticated },
        { "signed with another key", StatusCode.Unauthenticated },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_token_is_refused_when_it_grants_no_role_has_expired_or_is_not_signed_by_the_provider(string token, StatusCode expected)
    {
        await using var server = Server();
        var claims = new Dictionary<string, object> { ["sub"] = "jo.bloggs", ["role"] = token == "no role of ours" ? "superuser" : "mash_worker" };
        var signed = token switch
        {
            "expired" => Token(claims, expires: DateTime.UtcNow.AddMinutes(-30)),
            "signed with another key" => Token(claims, key: [.. Enumerable.Repeat((byte)9, 32)]),
            _ => Token(claims),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Assessments.AssessmentsClient(server.BearerChannel(signed)).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000002" }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
    }
}
