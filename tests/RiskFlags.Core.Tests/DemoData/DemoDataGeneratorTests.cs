using System.Security.Cryptography;
using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Tests.DemoData;

/// <summary>One demo data set of 4,000 families shared by the tests of this class.</summary>
public sealed class DemoDataFixture : IDisposable
{
    public DemoDataFixture()
    {
        Summary = DemoDataGenerator.Write(new DemoDataOptions { Families = 4000, Seed = 7 }, Folder.Path);
        Index = LinkedDataIndex.Load(Folder.Path, TimeProvider.System, Errors.Add);
        Truth = DemoDataGenerator.ReadTruth(Folder.File(DemoDataGenerator.TruthFile));
    }

    public TempFolder Folder { get; } = new();

    public DemoDataSummary Summary { get; }

    public List<RowError> Errors { get; } = [];

    public LinkedDataIndex Index { get; }

    public IReadOnlyList<TruthRow> Truth { get; }

    public void Dispose() => Folder.Dispose();
}

public sealed class DemoDataGeneratorTests(DemoDataFixture demo) : IClassFixture<DemoDataFixture>
{
    [Fact]
    public void The_generated_files_follow_the_contract()
    {
        Assert.Empty(demo.Errors.Select(e => e.ToString()));
        Assert.Equal(4000, demo.Index.Families.Count);
        Assert.Equal(demo.Summary.Events, demo.Index.EventCount);
    }

    [Fact]
    public void Every_event_lies_in_the_history_window()
    {
        var dates = demo.Index.Families.SelectMany(f => f.Members).SelectMany(m => m.Events).ToList();

        Assert.True(dates.Min(e => e.Date) >= DemoDataOptions.HistoryStart);
        Assert.True(dates.Max(e => e.EndDate ?? e.Date) <= DemoDataOptions.HistoryEnd);
        Assert.Equal(DemoDataOptions.HistoryEnd, demo.Index.DataEnd);
    }

    [Fact]
    public void Truth_gives_every_cohort_family_its_probability_from_the_records_and_its_recorded_outcome()
    {
        var truth = demo.Truth.ToDictionary(t => (t.FamilyId, t.AsOf));
        foreach (var asOf in DemoDataOptions.TruthDates)
        {
            var cohort = Cohort.Build(demo.Index, asOf).ToList();
            Assert.Equal(truth.Keys.Count(k => k.AsOf == asOf), cohort.Count);
            foreach (var member in cohort)
            {
                var row = truth[(member.Facts.FamilyId, asOf)];
                Assert.Equal(TruthModel.Probability(member.Facts), row.Probability, 6);
                Assert.Equal(row.Outcome, member.Outcome);
            }
        }

        Assert.Equal(0, demo.Summary.UnrealisableOutcomes);
    }

    [Fact]
    public void Each_years_expected_base_rate_is_between_1_and_3_percent()
    {
        // The expected rate is the mean known probability; the observed rate of 4,000 households
        // (about 1,600 in a cohort) varies around it by about a third of a point.
        foreach (var asOf in DemoDataOptions.TruthDates)
        {
            var expected = demo.Truth.Where(t => t.AsOf == asOf).Average(t => t.Probability);
            Assert.InRange(expected, 0.01, 0.03);
            Assert.InRange(demo.Summary.BaseRate(asOf), expected - 0.012, expected + 0.012);
        }
    }

    [Fact]
    public void Most_households_have_no_recent_record_so_the_cohort_is_a_minority()
    {
        var cohort = demo.Truth.Count(t => t.AsOf == DemoCalibration.AsOf);

        Assert.InRange((double)cohort / 4000, 0.25, 0.5);
    }

    [Fact]
    public void Deprived_areas_hold_more_families_and_far_more_care_entries()
    {
        var families = demo.Index.Families.Where(f => f.Family.DeprivationDecile is not null).ToList();
        var mostDeprived = families.Count(f => f.Family.DeprivationDecile <= 2);
        var leastDeprived = families.Count(f => f.Family.DeprivationDecile >= 9);
        var entries = demo.Truth.Where(t => t.Outcome).Select(t => demo.Index.Find(t.FamilyId)!.Family.DeprivationDecile).ToList();

        Assert.True(mostDeprived > 1.3 * leastDeprived);
        Assert.True(entries.Count(d => d <= 2) > 4 * entries.Count(d => d >= 9));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_different_ones()
    {
        using var again = new TempFolder();
        using var other = new TempFolder();
        DemoDataGenerator.Write(new DemoDataOptions { Families = 4000, Seed = 7 }, again.Path);
        DemoDataGenerator.Write(new DemoDataOptions { Families = 4000, Seed = 8 }, other.Path);

        foreach (var file in new[] { "families.csv", "people.csv", "events.csv", "truth.csv" })
        {
            Assert.Equal(Hash(demo.Folder.File(file)), Hash(again.File(file)));
        }

        Assert.NotEqual(Hash(demo.Folder.File("events.csv")), Hash(other.File("events.csv")));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
