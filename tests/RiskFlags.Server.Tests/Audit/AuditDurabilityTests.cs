using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Data;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Audit;

/// <summary>Audit rows are group-committed, yet each one is stored before its read is answered: killing the server loses none.</summary>
public sealed class AuditDurabilityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answered_read_has_its_audit_row_stored_even_when_the_server_is_killed_straight_after()
    {
        using var folder = new TempFolder();
        var database = folder.File("audit.db");
        await using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__RiskFlags"] = $"Data Source={database}",
            ["RiskFlags__DemoFamilies"] = "300",
        });
        await server.WaitUntilListeningAsync(Cancel);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.GrpcPort}");
        var assessments = new Assessments.AssessmentsClient(channel);
        var key = new Metadata { { "x-api-key", Keys.Mash } };

        // Concurrent reads, so that their rows share commits, all answered before the kill.
        var families = Enumerable.Range(1, 120).Select(i => $"F{i:D6}").ToList();
        var answers = await Task.WhenAll(families.Select(f =>
            assessments.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = f }, key, cancellationToken: Cancel).ResponseAsync));
        server.Kill();
        await server.WaitForExitAsync(Cancel);

        Assert.Equal(families, answers.Select(a => a.FamilyId));
        await using var db = StoreConnection.Parse($"Data Source={database}").CreateContext();
        var audited = await db.Audit.AsNoTracking().Where(a => a.Action == "AssessFamily" && a.Outcome == "ok")
            .Select(a => a.FamilyId!).ToListAsync(Cancel);
        Assert.Equal(families.Order(), audited.Order());
    }
}
