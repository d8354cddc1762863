using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;

namespace RiskFlags.Data.Tests;

/// <summary>A small demo data set written once for all import tests.</summary>
public sealed class DemoFolder : IDisposable
{
    public DemoFolder() => DemoDataGenerator.Write(new DemoDataOptions { Families = 300, Seed = 3 }, Folder.Path);

    public TempFolder Folder { get; } = new();

    public void Dispose() => Folder.Dispose();
}

/// <summary>The import contract, run against each provider by a subclass.</summary>
public abstract class ImportTests(DemoFolder demo) : IClassFixture<DemoFolder>, IDisposable
{
    private static readonly DateOnly AsOf = new(2023, 3, 31);
    private readonly TempFolder scratch = new();
    private readonly List<RowError> errors = [];

    protected abstract StoreConnection Store();

    protected string DemoPath => demo.Folder.Path;

    public void Dispose() => scratch.Dispose();

    private Task<ImportResult> ImportAsync(string folder) =>
        new LinkedDataImporter(Store(), TimeProvider.System) { BatchSize = 1000 }.ImportAsync(folder, errors.Add, TestContext.Current.CancellationToken);

    /// <summary>Writes an extract into the scratch folder and returns the folder.</summary>
    private string Extract(string families, string people, string events)
    {
        File.WriteAllText(scratch.File("families.csv"), families);
        File.WriteAllText(scratch.File("people.csv"), people);
        File.WriteAllText(scratch.File("events.csv"), events);
        return scratch.Path;
    }

    [Fact]
    public async Task Importing_loads_every_row_and_importing_again_changes_nothing()
    {
        var first = await ImportAsync(demo.Folder.Path);
        await using var db = Store().CreateContext();
        var counts = await LinkedDataStore.CountAsync(db, TestContext.Current.CancellationToken);

        var second = await ImportAsync(demo.Folder.Path);

        Assert.Empty(errors);
        Assert.False(first.AnyRejected);
        Assert.Equal(first.Families.Loaded, first.Families.Written);
        Assert.Equal(first.Events.Loaded, first.Events.Written);
        Assert.Equal(new StoreCounts(first.Families.Loaded, first.People.Loaded, first.Events.Loaded), counts);
        Assert.Equal((0L, 0L, 0L), (second.Families.Written, second.People.Written, second.Events.Written));
        Assert.Equal(counts, await LinkedDataStore.CountAsync(db, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_stored_data_gives_the_same_facts_as_the_files()
    {
        await ImportAsync(demo.Folder.Path);
        var fromFiles = LinkedDataIndex.Load(demo.Folder.Path, TimeProvider.System, errors.Add);
        await using var db = Store().CreateContext();

        var fromStore = await LinkedDataStore.LoadIndexAsync(db, TestContext.Current.CancellationToken);

        Assert.Equal(fromFiles.Families.Count, fromStore.Families.Count);
        Assert.Equal(fromFiles.DataEnd, fromStore.DataEnd);
        Assert.Equal(
            Cohort.Build(fromFiles, AsOf).ToList(),
            Cohort.Build(fromStore, AsOf).OrderBy(m => m.Facts.FamilyId, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Each_family_loaded_on_its_own_gives_the_same_facts_as_the_files()
    {
        await ImportAsync(demo.Folder.Path);
        var fromFiles = LinkedDataIndex.Load(demo.Folder.Path, TimeProvider.System, errors.Add);
        await using var db = Store().CreateContext();

        foreach (var family in fromFiles.Families)
        {
            var stored = await LinkedDataStore.LoadFamilyAsync(db, family.Family.FamilyId, TestContext.Current.CancellationToken);
            Assert.NotNull(stored);
            Assert.Equal(FamilyFactsBuilder.Build(family, AsOf), FamilyFactsBuilder.Build(stored, AsOf));
        }

        Assert.Null(await LinkedDataStore.LoadFamilyAsync(db, "F999999", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_mother_in_two_families_brings_her_removals_from_the_other_and_her_events_once()
    {
        // M heads F1, where C1 was removed, and F2; F3 is unrelated.
        var extract = Extract("family_id\nF1\nF2\nF3\n", """
            person_id,family_id,role,birth_date,sex
            M,F1,mother,1990-01-01,F
            C1,F1,child,2010-01-01,M
            M,F2,mother,1990-01-01,F
            C2,F2,child,2020-01-01,F
            N,F3,mother,1985-01-01,F
            C3,F3,child,2012-01-01,F

            """, """
            event_id,person_id,date,source,type,end_date,detail
            CSC1,C1,2015-01-01,social_care,care_episode,2016-01-01,care_order
            POL1,M,2022-06-01,police,domestic_abuse_incident,,victim
            NHS2,M,2022-08-01,health,mental_health_contact,,
            NHS1,C2,2022-07-01,health,ae_attendance,,
            CSC2,C3,2016-01-01,social_care,care_episode,,care_order

            """);
        await ImportAsync(extract);
        Assert.Empty(errors);
        var fromFiles = LinkedDataIndex.Load(extract, TimeProvider.System, errors.Add).Find("F2")!;
        await using var db = Store().CreateContext();

        var facts = FamilyFactsBuilder.Build((await LinkedDataStore.LoadFamilyAsync(db, "F2", TestContext.Current.CancellationToken))!, AsOf);
        var timeline = await LinkedDataStore.TimelineAsync(db, "F2", AsOf, TestContext.Current.CancellationToken);

        Assert.Equal(FamilyFactsBuilder.Build(fromFiles, AsOf), facts);
        Assert.Equal((1, 1, 1), (facts.MotherPriorRemovals, facts.DomesticAbuseMotherVictim12m, facts.MentalHealthContacts12m));
        Assert.Equal(
            [("NHS2", "mother", false), ("NHS1", "child", false), ("POL1", "mother", false), ("CSC1", "child", true)],
            timeline.Select(t => (t.Event.EventId, t.Role, t.OtherFamily)).ToList());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(FamilyChunks.DefaultChunk)]
    public async Task Streaming_the_store_in_chunks_gives_every_family_the_facts_of_loading_it_whole(int chunk)
    {
        await ImportAsync(demo.Folder.Path);
        await using var db = Store().CreateContext();
        var whole = await LinkedDataStore.LoadIndexAsync(db, TestContext.Current.CancellationToken);

        var streamed = await FamilyChunks.ReadAsync(Store(), chunk, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(whole.Families.Count, streamed.Count);
        Assert.Equal(streamed.Select(f => f.Family.FamilyId).Distinct().Count(), streamed.Count);
        foreach (var family in streamed)
        {
            Assert.Equal(FamilyFactsBuilder.Build(whole.Find(family.Family.FamilyId)!, AsOf), FamilyFactsBuilder.Build(family, AsOf));
        }
    }

    [Fact]
    public async Task A_stream_one_family_a_chunk_still_brings_a_mothers_removals_from_her_other_family()
    {
        var extract = Extract("family_id\nF1\nF2\nF3\n", """
            person_id,family_id,role,birth_date,sex
            M,F1,mother,1990-01-01,F
            C1,F1,child,2010-01-01,M
            M,F3,mother,1990-01-01,F
            C3,F3,child,2020-01-01,F
            N,F2,mother,1985-01-01,F

            """, """
            event_id,person_id,date,source,type,end_date,detail
            CSC1,C1,2015-01-01,social_care,care_episode,2016-01-01,care_order
            POL1,M,2022-06-01,police,domestic_abuse_incident,,victim
            NHS1,C3,2022-07-01,health,ae_attendance,,

            """);
        await ImportAsync(extract);
        var fromFiles = LinkedDataIndex.Load(extract, TimeProvider.System, errors.Add);

        var streamed = await FamilyChunks.ReadAsync(Store(), 1, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["F1", "F2", "F3"], streamed.Select(f => f.Family.FamilyId).Order(StringComparer.Ordinal));
        foreach (var family in streamed)
        {
            Assert.Equal(FamilyFactsBuilder.Build(fromFiles.Find(family.Family.FamilyId)!, AsOf), FamilyFactsBuilder.Build(family, AsOf));
        }

        Assert.Equal(1, FamilyFactsBuilder.Build(streamed.Single(f => f.Family.FamilyId == "F3"), AsOf).MotherPriorRemovals);
    }

    [Fact]
    public async Task A_changed_row_replaces_the_stored_one_by_id()
    {
        await ImportAsync(demo.Folder.Path);
        var extract = Extract("family_id,local_area,deprivation_decile\nF000001,CHANGED,1\n", "person_id,family_id,role\n", "event_id,person_id,date,source,type\n");

        var result = await ImportAsync(extract);

        await using var db = Store().CreateContext();
        var family = await db.Families.AsNoTracking().SingleAsync(f => f.FamilyId == "F000001", TestContext.Current.CancellationToken);
        Assert.Equal(1, result.Families.Written);
        Assert.Equal(("CHANGED", 1), (family.LocalArea, family.DeprivationDecile));
    }

    [Fact]
    public async Task Broken_rows_are_rejected_and_the_valid_rows_around_them_are_stored()
    {
        var extract = Extract(
            "family_id\nF1\n",
            "person_id,family_id,role,birth_date\nM1,F1,mother,1990-01-01\n",
            "event_id,person_id,date,source,type,end_date\nE1,M1,2024-01-01,police,arrest,\nE2,M1,2024-01-01,police,nonsense,\nE3,GHOST,2024-01-01,police,arrest,\nE4,M1,2024-02-30,police,arrest,\nE5,M1,2024-01-01,social_care,early_help,\nE6,M1,2024-03-01,early_help,early_help_episode,2024-01-01\nE7,M1,,health,ae_attendance,\nE8,M1,2024-01-02,health,ae_attendance,\n");

        var result = await ImportAsync(extract);

        await using var db = Store().CreateContext();
        Assert.Equal(["E1", "E8"], await db.Events.OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((2L, 6L), (result.Events.Loaded, result.Events.Rejected));
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L], errors.Select(e => e.Line));
    }

    [Fact]
    public async Task A_later_extract_may_refer_to_families_and_people_stored_earlier()
    {
        await ImportAsync(demo.Folder.Path);
        var extract = Extract(
            "family_id\n",
            "person_id,family_id,role,birth_date\nNEWBORN,F000002,child,2025-01-01\n",
            "event_id,person_id,date,source,type\nX1,P000002-01,2025-01-05,health,ae_attendance\nX2,NEWBORN,2025-01-06,health,ae_attendance\n");

        var result = await ImportAsync(extract);

        Assert.Empty(errors);
        Assert.Equal((1L, 2L), (result.People.Written, result.Events.Written));
    }

    [Fact]
    public async Task A_demo_folder_marks_the_store_as_a_demo_store_and_every_import_moves_the_data_version_on()
    {
        var result = await ImportAsync(demo.Folder.Path);
        await using var db = Store().CreateContext();
        var first = await StoreInfo.ReadAsync(db, TestContext.Current.CancellationToken);

        await ImportAsync(Extract("family_id\nF1\n", "person_id,family_id,role\n", "event_id,person_id,date,source,type\n"));

        var second = await StoreInfo.ReadAsync(db, TestContext.Current.CancellationToken);
        Assert.Equal("riskflags demo-data, seed 3, 300 families", result.Demo);
        Assert.True(first.Demo);
        Assert.Equal("riskflags demo-data, seed 3, 300 families", first.DemoDetail);
        Assert.True(second.Demo);
        Assert.True(second.DataVersion > first.DataVersion);
    }

    [Fact]
    public async Task Demo_data_are_refused_by_a_store_of_real_data_before_anything_is_written()
    {
        await ImportAsync(Extract("family_id\nREAL1\n", "person_id,family_id,role\n", "event_id,person_id,date,source,type\n"));

        var error = await Assert.ThrowsAsync<ContractFileException>(() => ImportAsync(demo.Folder.Path));

        Assert.Equal(DemoMarker.FileName, error.File);
        Assert.Contains("demo data never go into a store of real data", error.Message, StringComparison.Ordinal);
        await using var db = Store().CreateContext();
        Assert.Equal(["REAL1"], await db.Families.Select(f => f.FamilyId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.False((await StoreInfo.ReadAsync(db, TestContext.Current.CancellationToken)).Demo);
    }

    [Fact]
    public async Task A_missing_file_stops_the_import_naming_it_before_anything_is_written()
    {
        File.WriteAllText(scratch.File("families.csv"), "family_id\nF1\n");
        File.WriteAllText(scratch.File("people.csv"), "person_id,family_id,role\n");

        var error = await Assert.ThrowsAsync<ContractFileException>(() => ImportAsync(scratch.Path));

        Assert.Equal("events.csv", error.File);
        await using var db = Store().CreateContext();
        Assert.Equal(0, await db.Families.CountAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class SqliteImportTests(DemoFolder demo) : ImportTests(demo)
{
    private static readonly string[] SecondaryIndexes = ["IX_events_date", "IX_events_person_id", "IX_people_family_id"];
    private readonly TempFolder database = new();

    protected override StoreConnection Store() => StoreConnection.Parse(database.File("store.db"));

    [Fact]
    public async Task A_first_import_stopped_part_way_stores_none_of_that_file_and_keeps_its_indexes()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var stopping = new LinkedDataImporter(Store(), TimeProvider.System)
        {
            BatchSize = 500,
            Progress = new Callback(p => { if (p.File == "events.csv") stop.Cancel(); }),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.ImportAsync(DemoPath, e => Assert.Fail(e.ToString()), stop.Token));

        await using var db = Store().CreateContext();
        var afterStop = await LinkedDataStore.CountAsync(db, cancel);
        Assert.True(afterStop.People > 0);
        Assert.Equal(0, afterStop.Events);
        Assert.Equal(SecondaryIndexes, await IndexesAsync(db));

        var result = await new LinkedDataImporter(Store(), TimeProvider.System) { BatchSize = 500 }.ImportAsync(DemoPath, e => Assert.Fail(e.ToString()), cancel);

        Assert.Equal(result.Events.Loaded, (await LinkedDataStore.CountAsync(db, cancel)).Events);
        Assert.Equal(SecondaryIndexes, await IndexesAsync(db));
    }

    private static Task<List<string>> IndexesAsync(RiskFlagsDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('people', 'events') AND sql IS NOT NULL ORDER BY name")
            .ToListAsync(TestContext.Current.CancellationToken);

    /// <summary>Reports on the reading thread, as it happens (Progress&lt;T&gt; would post it elsewhere, later).</summary>
    private sealed class Callback(Action<ReadProgress> report) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => report(value);
    }
}

[Collection(nameof(PostgresTests))]
public sealed class PostgresImportTests(DemoFolder demo) : ImportTests(demo), IAsyncLifetime
{
    private readonly PostgresDatabase database = new();

    protected override StoreConnection Store() => StoreConnection.Parse(database.ConnectionString);

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(database.Available, PostgresDatabase.SkipReason);
        await database.InitializeAsync();
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}

/// <summary>PostgreSQL tests run one at a time: each creates and drops a database.</summary>
[CollectionDefinition(nameof(PostgresTests), DisableParallelization = true)]
public sealed class PostgresTests;
