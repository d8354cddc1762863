using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Faults;

/// <summary>
/// PostgreSQL crashes under load and comes back: while it is down the store's health is NOT_SERVING
/// and calls fail with UNAVAILABLE (nothing hangs, nothing is UNKNOWN); no decision or read that was
/// acknowledged is lost; and the server serves again by itself, with no restart of its own.
/// </summary>
public sealed class PostgresRestartTests
{
    private const int Workers = 8;
    private const int Families = 600;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // A fault test must end even when the fault it looks for hangs something: two minutes, then it fails.
    [Fact(Timeout = 120_000)]
    public async Task PostgreSQL_stopped_and_restarted_under_load_loses_nothing_acknowledged_and_the_server_recovers_by_itself()
    {
        Assert.SkipUnless(PrivatePostgres.Available, PrivatePostgres.SkipReason);
        await using var postgres = await PrivatePostgres.CreateAsync();
        await using var server = new ServerFactory { ConnectionString = postgres.ConnectionString(), DemoFamilies = Families };
        var health = new Health.HealthClient(server.Channel());
        var storeHealth = new HealthCheckRequest { Service = "riskflags.store" };
        await using (var db = server.Db())
        {
            Assert.Equal(Families, await db.Families.CountAsync(Cancel));
        }

        var load = new Load(server);
        var running = Enumerable.Range(0, Workers).Select(load.RunAsync).ToList();

        await load.OkReads.WaitAsync(100, Cancel);
        // Not every family has a suggestion to defer: the crash waits for an acknowledged write to check.
        await load.OkDecisions.WaitAsync(1, Cancel);
        load.Crashed();
        await postgres.CrashAsync();
        var down = await health.CheckAsync(storeHealth, cancellationToken: Cancel);
        await load.FailuresAfterCrash.WaitAsync(Workers * 2, Cancel);

        await postgres.StartAsync();
        load.Restarted();
        await load.OkReadsAfterRestart.WaitAsync(Workers * 3, Cancel);
        load.Stop();
        await Task.WhenAll(running);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, down.Status);
        Assert.All(load.FailureCodes, code => Assert.Equal(StatusCode.Unavailable, code));
        Assert.NotEmpty(load.FailureCodes);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await FirstServingAsync(health, storeHealth));
        await using (var db = server.Db())
        {
            var acknowledged = load.Decisions.ToList();
            var stored = await db.Decisions.Where(d => acknowledged.Contains(d.DecisionId)).Select(d => d.DecisionId).ToListAsync(Cancel);
            Assert.Equal(acknowledged.Order(), stored.Order());
            Assert.NotEmpty(acknowledged);
            var okRows = await db.Audit.CountAsync(a => a.Action == "AssessFamily" && a.Outcome == "ok" && a.Caller == "dev-mash-worker", Cancel);
            // Every acknowledged read has its row; a call whose commit landed as the server died may have one without its answer.
            Assert.InRange(okRows, load.OkReads.Count, load.OkReads.Count + load.FailureCodes.Count);
        }
    }

    /// <summary>The store's health once the server has found its way back: a broken pooled connection may cost a probe or two.</summary>
    private static async Task<HealthCheckResponse.Types.ServingStatus> FirstServingAsync(Health.HealthClient health, HealthCheckRequest request)
    {
        var status = HealthCheckResponse.Types.ServingStatus.Unknown;
        for (var attempt = 0; attempt < 10 && status != HealthCheckResponse.Types.ServingStatus.Serving; attempt++)
        {
            status = (await health.CheckAsync(request, cancellationToken: Cancel)).Status;
        }

        return status;
    }

    /// <summary>Workers assessing families and deferring their suggestions, counting what was acknowledged and how calls failed.</summary>
    private sealed class Load(ServerFactory server)
    {
        private volatile int phase; // 0 before the crash, 1 down, 2 after the restart
        private volatile bool stopping;

        public Counter OkReads { get; } = new();

        public Counter FailuresAfterCrash { get; } = new();

        public Counter OkReadsAfterRestart { get; } = new();

        public Counter OkDecisions { get; } = new();

        public ConcurrentBag<string> Decisions { get; } = [];

        public ConcurrentBag<StatusCode> FailureCodes { get; } = [];

        /// <summary>The store is about to go: from here on a failed call is expected.</summary>
        public void Crashed() => phase = 1;

        public void Restarted() => phase = 2;

        public void Stop() => stopping = true;

        public async Task RunAsync(int worker)
        {
            var assessments = server.Assessments(Keys.Mash);
            var referrals = server.Referrals(Keys.Mash);
            var random = new Random(worker);
            while (!stopping)
            {
                var family = $"F{random.Next(1, Families + 1):D6}";
                var phaseAtStart = phase;
                try
                {
                    var assessment = await assessments.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);
                    OkReads.Add();
                    if (phaseAtStart == 2 && phase == 2)
                    {
                        OkReadsAfterRestart.Add();
                    }

                    if (assessment.Suggestions.Count > 0)
                    {
                        var decision = await referrals.RecordDecisionAsync(new RecordDecisionRequest
                        {
                            SuggestionId = assessment.Suggestions[0].SuggestionId, Decision = DecisionKind.Defer, Reason = "review next week", Worker = $"W{worker}",
                        }, cancellationToken: Cancel);
                        Decisions.Add(decision.DecisionId);
                        OkDecisions.Add();
                    }
                }
                catch (RpcException e) when (phaseAtStart >= 1 || phase >= 1)
                {
                    // Failures while the store is down, or of calls in flight when it went: the caller must be told to retry.
                    FailureCodes.Add(e.StatusCode);
                    if (phase == 1)
                    {
                        FailuresAfterCrash.Add();
                    }
                }
            }
        }
    }

    /// <summary>A count that can be waited on: the test's signals, never a sleep.</summary>
    private sealed class Counter
    {
        private readonly Lock gate = new();
        private readonly List<(int Target, TaskCompletionSource Reached)> waiters = [];
        private int count;

        public int Count
        {
            get
            {
                lock (gate)
                {
                    return count;
                }
            }
        }

        public void Add()
        {
            lock (gate)
            {
                count++;
                foreach (var waiter in waiters.Where(w => count >= w.Target).ToList())
                {
                    waiter.Reached.TrySetResult();
                    waiters.Remove(waiter);
                }
            }
        }

        public Task WaitAsync(int target, CancellationToken cancellationToken)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                if (count >= target)
                {
                    return Task.CompletedTask;
                }

                waiters.Add((target, reached));
            }

            return reached.Task.WaitAsync(cancellationToken);
        }
    }
}
