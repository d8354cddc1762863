using Grpc.Core;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Support;

/// <summary>One server for a test class, with the demo families whose assessments suggest programmes.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public ServerFactory Factory { get; } = new();

    /// <summary>Cohort families with at least one suggestion, riskiest first; each test takes its own.</summary>
    public IReadOnlyList<string> Suggested { get; private set; } = [];

    private int next;

    public async ValueTask InitializeAsync()
    {
        using var call = Factory.Assessments(Keys.Admin).AssessCohort(new AssessCohortRequest());
        var suggested = new List<string>();
        await foreach (var a in call.ResponseStream.ReadAllAsync())
        {
            if (a.Flags.Any(f => f.Rule.StartsWith("Pathway.", StringComparison.Ordinal)))
            {
                suggested.Add(a.FamilyId);
            }
        }

        Suggested = suggested;
    }

    /// <summary>A family no other test of the class has used.</summary>
    public string TakeFamily() => Suggested[Interlocked.Increment(ref next) - 1];

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
