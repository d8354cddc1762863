using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using RiskFlags.Server.V1;

namespace RiskFlags.Load;

/// <summary>
/// Runs the streams for the given time and reports each window: calls, calls per second, outcomes by
/// status, p50 and p99, and the server's resident memory. Every answer is checked (grpc-status and
/// the family asked for); a wrong answer counts as an error of its own.
/// </summary>
public static class LoadRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        using var channel = GrpcChannel.ForAddress(options.Target, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
        });
        var headers = new Metadata { { "x-api-key", options.Key } };
        var workers = Enumerable.Range(0, options.Streams).Select(i => new Worker(channel, headers, options, i)).ToList();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var started = Stopwatch.GetTimestamp();
        var running = workers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToList();

        Console.WriteLine($"{options.Mix} at {options.Streams} streams for {options.Seconds} s over {options.Families:N0} families against {options.Target}");
        Console.WriteLine("window    calls     calls/s   ok        errors                      p50 ms   p99 ms   server RSS MB");
        var windows = new List<WindowReport>();
        var total = new LatencyWindow();
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.ReportSeconds), stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The run's end: report the last, partial window below.
            }

            windows.Add(Report(n, workers.Select(w => w.Swap()).ToList(), options, total));
        }

        await Task.WhenAll(running);
        windows.Add(Report(windows.Count + 1, workers.Select(w => w.Swap()).ToList(), options, total));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var summary = Summarise(options, total, elapsed, windows);
        Console.WriteLine(JsonSerializer.Serialize(summary));
        return summary.Errors == 0 ? 0 : 1;
    }

    private static WindowReport Report(int n, List<LatencyWindow> parts, LoadOptions options, LatencyWindow total)
    {
        var ticks = parts.SelectMany(p => p.Ticks).ToArray();
        var outcomes = parts.SelectMany(p => p.Outcomes).GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.Sum(o => o.Value));
        total.Ticks.AddRange(ticks);
        foreach (var (outcome, count) in outcomes)
        {
            total.Outcomes[outcome] = total.Outcomes.GetValueOrDefault(outcome) + count;
        }

        var report = new WindowReport(n, ticks.Length, ticks.Length / (double)options.ReportSeconds, outcomes.GetValueOrDefault("OK"),
            outcomes.Where(o => o.Key != "OK").ToDictionary(o => o.Key, o => o.Value), Percentile(ticks, 0.50), Percentile(ticks, 0.99), ServerMemory.ResidentMegabytes(options.ServerPid));
        if (report.Calls > 0)
        {
            var errors = report.Errors.Count == 0 ? "none" : string.Join(" ", report.Errors.Select(e => $"{e.Key}:{e.Value}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n,-9} {report.Calls,-9} {report.CallsPerSecond,-9:F0} {report.Ok,-9} {errors,-27} {report.P50Ms,-8:F2} {report.P99Ms,-8:F2} {report.RssMb?.ToString("F0", CultureInfo.InvariantCulture) ?? "-"}"));
        }

        return report;
    }

    private static Summary Summarise(LoadOptions options, LatencyWindow total, double seconds, List<WindowReport> windows)
    {
        var ticks = total.Ticks.ToArray();
        var errors = total.Outcomes.Where(o => o.Key != "OK").Sum(o => o.Value);
        var full = windows.Where(w => w.Calls > 0).ToList();
        return new Summary(options.Mix.ToString(), options.Streams, Math.Round(seconds), ticks.Length, Math.Round(ticks.Length / seconds), total.Outcomes.GetValueOrDefault("OK"), errors,
            total.Outcomes.Where(o => o.Key != "OK").ToDictionary(o => o.Key, o => o.Value), Math.Round(Percentile(ticks, 0.5), 3), Math.Round(Percentile(ticks, 0.99), 3),
            [.. full.Select(w => Math.Round(w.P99Ms, 2))], [.. full.Select(w => w.RssMb)]);
    }

    private static double Percentile(long[] ticks, double p)
    {
        if (ticks.Length == 0)
        {
            return 0;
        }

        Array.Sort(ticks);
        return ticks[Math.Min(ticks.Length - 1, (int)(p * ticks.Length))] * 1000.0 / Stopwatch.Frequency;
    }

    private sealed record WindowReport(int Window, int Calls, double CallsPerSecond, int Ok, Dictionary<string, int> Errors, double P50Ms, double P99Ms, double? RssMb);

    private sealed record Summary(
        string Mix, int Streams, double Seconds, int Calls, double CallsPerSecond, int Ok, int Errors, Dictionary<string, int> ErrorsByStatus,
        double P50Ms, double P99Ms, double[] P99MsPerWindow, double?[] RssMbPerWindow);

    /// <summary>One stream: its own random sequence of calls, one at a time.</summary>
    private sealed class Worker(GrpcChannel channel, Metadata headers, LoadOptions options, int index)
    {
        private static readonly ConcurrentQueue<string> Suggestions = new();
        private readonly Assessments.AssessmentsClient assessments = new(channel);
        private readonly Referrals.ReferralsClient referrals = new(channel);
        private readonly Ingest.IngestClient ingest = new(channel);
        private readonly Health.HealthClient health = new(channel);
        private readonly Random random = new(options.Seed * 1000 + index);
        private LatencyWindow window = new();
        private long events;

        public LatencyWindow Swap()
        {
            lock (this)
            {
                var done = window;
                window = new LatencyWindow();
                return done;
            }
        }

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var call = Pick();
                var started = Stopwatch.GetTimestamp();
                string outcome;
                try
                {
                    outcome = await call() ? "OK" : "WrongAnswer";
                }
                catch (RpcException e)
                {
                    outcome = e.StatusCode.ToString();
                }

                var ticks = Stopwatch.GetTimestamp() - started;
                lock (this)
                {
                    window.Add(outcome, ticks);
                }
            }
        }

        private Func<Task<bool>> Pick() => options.Mix switch
        {
            Mix.Health => HealthAsync,
            Mix.Assess => AssessAsync,
            _ => random.Next(100) switch
            {
                < 85 => AssessAsync,
                < 95 => DecideAsync,
                < 98 => FlaggedAsync,
                _ => IngestAsync,
            },
        };

        private string Family() => $"F{random.Next(1, options.Families + 1):D6}";

        private async Task<bool> HealthAsync() =>
            (await health.CheckAsync(new HealthCheckRequest(), headers)).Status == HealthCheckResponse.Types.ServingStatus.Serving;

        private async Task<bool> AssessAsync()
        {
            var family = Family();
            var assessment = await assessments.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, headers);
            foreach (var s in assessment.Suggestions.Where(s => s.Status is "open" or "deferred").Take(1))
            {
                if (Suggestions.Count < 10_000)
                {
                    Suggestions.Enqueue(s.SuggestionId);
                }
            }

            return assessment.FamilyId == family;
        }

        /// <summary>Defers a suggestion seen earlier: a decision written, and the suggestion still pending for the next.</summary>
        private async Task<bool> DecideAsync()
        {
            if (!Suggestions.TryDequeue(out var suggestion))
            {
                return await AssessAsync();
            }

            var decision = await referrals.RecordDecisionAsync(new RecordDecisionRequest { SuggestionId = suggestion, Decision = DecisionKind.Defer, Reason = "review at the next panel", Worker = $"W{index}" }, headers);
            Suggestions.Enqueue(suggestion);
            return decision.SuggestionId == suggestion && decision.SuggestionStatus == "deferred";
        }

        private async Task<bool> FlaggedAsync()
        {
            var programmes = new[] { "", "steps", "sfsc", "pause", "edge_of_care" };
            var page = await referrals.ListFlaggedCohortAsync(new ListFlaggedCohortRequest { Programme = programmes[random.Next(programmes.Length)], PageSize = 20 }, headers);
            return page.Families.Count <= 20 && page.Total >= page.Families.Count;
        }

        /// <summary>A partner feed's small batch for one person: ten A&amp;E attendances, each a new event.</summary>
        private async Task<bool> IngestAsync()
        {
            var person = $"P{random.Next(1, options.Families + 1):D6}-01";
            using var call = ingest.IngestEvents(headers);
            for (var i = 0; i < 10; i++)
            {
                await call.RequestStream.WriteAsync(new Event
                {
                    EventId = $"LOAD-{options.Seed}-{index}-{Interlocked.Increment(ref events)}", PersonId = person, Date = "2025-03-30", Source = "health", Type = "ae_attendance",
                });
            }

            await call.RequestStream.CompleteAsync();
            var summary = await call;
            return summary.Received == 10 && summary.Stored + summary.RejectedCount == 10;
        }
    }
}
