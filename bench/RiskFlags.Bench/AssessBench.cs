using RiskFlags.Core.Assessment;
using RiskFlags.Core.Referrals;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;

namespace RiskFlags.Bench;

/// <summary>
/// Where the time of one AssessFamily goes, stage by stage, on one thread against a SQLite store of
/// the demo families: beside the floor of one prepared primary-key lookup through raw
/// Microsoft.Data.Sqlite, measured in the same run. Tells which stage to make faster next.
/// </summary>
internal static class AssessBench
{
    private const int Families = 5_000;

    public static async Task RunAsync(string folder)
    {
        var path = Path.Combine(BenchRunner.OutFolder(), "assess-bench.db");
        // A fresh store each run, so audit rows and suggestions from earlier runs do not change the figures.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        var store = StoreConnection.Parse(path);
        await new LinkedDataImporter(store, TimeProvider.System).ImportAsync(folder, e => throw new InvalidDataException(e.ToString()));

        var root = InstallLayout.Find().Root;
        var rules = RuleSetLoader.Load(Path.Combine(root, "rules"));
        var model = RiskModel.Load(Path.Combine(root, "models", "riskflags.zip"));
        await using var db = store.CreateContext();
        var ids = await db.Families.AsNoTracking().OrderBy(f => f.FamilyId).Select(f => f.FamilyId).Take(Families).ToListAsync();
        var asOf = (await LinkedDataStore.DataEndAsync(db))!.Value;
        Console.WriteLine($"{ids.Count:N0} families of {folder}, as of {asOf:yyyy-MM-dd}, {ids.Count:N0} calls a row after a warm-up pass over the same families\n");

        var floor = await RateAsync(ids, RawLookup(store));
        BenchRunner.Header("one prepared primary-key lookup (raw Microsoft.Data.Sqlite)");
        BenchRunner.Row("floor: prepared family lookup, raw Microsoft.Data.Sqlite", floor, floor, "families");

        var histories = new Dictionary<string, FamilyHistory>();
        BenchRunner.Row("load the family's history (EF Core)", await RateAsync(ids, async id =>
        {
            histories[id] = (await LinkedDataStore.LoadFamilyAsync(db, id))!;
        }), floor, "families");

        var facts = new Dictionary<string, FamilyFacts>();
        BenchRunner.Row("facts from the history (in memory)", await RateAsync(ids, id =>
        {
            facts[id] = FamilyFactsBuilder.Build(histories[id], asOf);
            return Task.CompletedTask;
        }), floor, "families");

        var scored = new Dictionary<string, ScoredFacts>();
        BenchRunner.Row("model score with its top factors (pooled PredictionEngine)", await RateAsync(ids, id =>
        {
            scored[id] = new ScoredFacts(facts[id], model.Score(facts[id]));
            return Task.CompletedTask;
        }), floor, "families");

        var assessed = new Dictionary<string, FamilyAssessment>();
        BenchRunner.Row("rules through the shared RulesEngine, with reasons", await RateAsync(ids, async id =>
        {
            var fired = rules.Describe(scored[id], await rules.EvaluateWithEngineAsync(scored[id]));
            assessed[id] = new FamilyAssessment(scored[id].Facts, scored[id].Score, fired, SuggestedProgramme.From(fired));
        }), floor, "families");

        foreach (var id in ids)
        {
            await SuggestionStore.RecordAsync(db, assessed[id], model.Version, rules.Version, TimeProvider.System, default);
        }

        BenchRunner.Row("find the family's pending suggestions (EF Core)", await RateAsync(ids, async id =>
        {
            await SuggestionStore.RecordAsync(db, assessed[id], model.Version, rules.Version, TimeProvider.System, default);
        }), floor, "families");

        BenchRunner.Row("store one audit row, one commit each (EF Core)", await RateAsync(ids, async id =>
        {
            db.Audit.Add(Audit(id));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }), floor, "rows");

        BenchRunner.Row("store audit rows, 50 to a commit (EF Core)", await RateAsync(ids, id => AuditInBatchesAsync(db, id)), floor, "rows");
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        BenchRunner.Row("whole assessment, no gRPC (audit rows 50 to a commit)", await RateAsync(ids, async id =>
        {
            var assessment = await new FamilyAssessor(model, rules).AssessAsync((await LinkedDataStore.LoadFamilyAsync(db, id))!, asOf);
            await SuggestionStore.RecordAsync(db, assessment, model.Version, rules.Version, TimeProvider.System, default);
            await AuditInBatchesAsync(db, id);
        }), floor, "families");
        await db.SaveChangesAsync();
    }

    /// <summary>Adds the family's audit row and commits every 50, as the server's audit writer does under load.</summary>
    private static async Task AuditInBatchesAsync(RiskFlagsDbContext db, string familyId)
    {
        db.Audit.Add(Audit(familyId));
        if (db.ChangeTracker.Entries().Count() >= 50)
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static AuditRow Audit(string familyId) => new()
    {
        At = DateTimeOffset.UtcNow, Caller = "bench", Role = "mash_worker", Action = "AssessFamily", FamilyId = familyId, Outcome = "ok",
    };

    private static Func<string, Task> RawLookup(StoreConnection store)
    {
        var connection = new SqliteConnection(store.ConnectionString);
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM families WHERE family_id = $id";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        id.Value = "";
        command.Prepare();
        return async value =>
        {
            id.Value = value;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetString(0);
            }
        };
    }

    /// <summary>Runs <paramref name="step"/> over every family once to warm up (JIT, SQLite's page cache), then again measured; returns calls per second.</summary>
    private static async Task<double> RateAsync(List<string> ids, Func<string, Task> step)
    {
        foreach (var id in ids)
        {
            await step(id);
        }

        var watch = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            await step(id);
        }

        return ids.Count / watch.Elapsed.TotalSeconds;
    }
}
