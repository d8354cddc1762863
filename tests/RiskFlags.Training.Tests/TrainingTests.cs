using System.IO.Compression;
using System.Text;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training.Tests;

public sealed class TrainingTests(TrainedFixture fixture) : IClassFixture<TrainedFixture>
{
    [Fact]
    public void The_same_seed_gives_the_same_model_bytes_and_another_seed_another_model()
    {
        var again = fixture.Train(fixture.Folder.File("again.zip"), seed: 42);
        var other = fixture.Train(fixture.Folder.File("other.zip"), seed: 7);

        Assert.Equal(File.ReadAllBytes(fixture.Trained.Path), File.ReadAllBytes(again.Path));
        Assert.Equal(fixture.Trained.Version, again.Version);
        Assert.NotEqual(fixture.Trained.Version, other.Version);
    }

    [Fact]
    public void Families_never_straddle_the_split_and_validation_is_later_than_every_tree_row()
    {
        var snapshots = Snapshots.Build(fixture.Data, TrainedFixture.Dates);

        var split = RiskModelTrainer.Split(snapshots, new TrainingOptions { AsOf = TrainedFixture.Dates, Seed = 42 });

        var validationFamilies = split.Validation.Select(s => s.Facts.FamilyId).ToHashSet();
        Assert.DoesNotContain(split.Trees, s => validationFamilies.Contains(s.Facts.FamilyId));
        Assert.DoesNotContain(split.Calibration, s => validationFamilies.Contains(s.Facts.FamilyId));
        Assert.True(split.Validation.Min(s => s.Facts.AsOf) > split.Trees.Max(s => s.Facts.AsOf));
        Assert.InRange(validationFamilies.Count / (double)snapshots.Count(s => s.Facts.AsOf == TrainedFixture.Dates[^1]), 0.15, 0.25);
        Assert.Equal(snapshots.Count(s => s.Facts.AsOf == TrainedFixture.Dates[^1]), split.Calibration.Count + split.Validation.Count);
    }

    [Fact]
    public void On_a_small_data_set_the_model_still_ranks_close_to_the_best_possible_and_is_calibrated()
    {
        // 4,000 families: the full targets (against 20,000 families) are checked on the shipped model's card.
        var test = fixture.Trained.Card.OutOfTimeTest!;

        Assert.Equal("2024-03-31", test.AsOf);
        Assert.InRange(test.Scores.Auc / test.OracleAuc!.Value, 0.9, 1.02);
        Assert.InRange(test.Scores.Ece, 0, 0.03);
    }

    [Fact]
    public void The_card_matches_its_model_and_writes_markdown_beside_it()
    {
        var card = ModelCard.Read(fixture.Trained.Path);

        Assert.Equal(ModelFile.VersionOf(File.ReadAllBytes(fixture.Trained.Path)), card.Version);
        Assert.Equal(FeatureVector.Names, card.Features.Select(f => f.Name));
        Assert.Equal(["ethnicity", "sex", "local area", "family and person ids"], card.NeverFeatures);
        var markdown = File.ReadAllText(ModelCard.MarkdownPath(fixture.Trained.Path));
        Assert.Contains("## Fairness audit", markdown);
        Assert.Contains("| ethnicity |", markdown);
        Assert.Contains("| deprivation decile |", markdown);
    }

    [Fact]
    public void Batch_and_single_predictions_agree()
    {
        var facts = Cohort.Build(fixture.Data, new DateOnly(2024, 3, 31)).Select(m => m.Facts).Take(300).ToList();

        var batch = fixture.Model.Score(facts).ToList();

        for (var i = 0; i < facts.Count; i++)
        {
            var single = fixture.Model.Score(facts[i]);
            Assert.Equal(batch[i].Probability, single.Probability, 6);
            Assert.Equal(batch[i].TopFactors.Select(f => f.Text), single.TopFactors.Select(f => f.Text));
        }
    }

    [Fact]
    public void A_broken_or_mismatched_model_file_or_its_bytes_are_refused_naming_why_and_a_good_one_goes_live()
    {
        var live = new LiveModel(fixture.Model);
        var corrupt = fixture.Folder.File("corrupt.zip");
        File.WriteAllText(corrupt, "not a zip");
        var mismatched = fixture.Folder.File("mismatched.zip");
        File.Copy(fixture.Trained.Path, mismatched, overwrite: true);
        using (var zip = ZipFile.Open(mismatched, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelManifest.Entry)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(ModelManifest.Entry).Open(), Encoding.UTF8);
            writer.Write("""{"Features":["OnlyOne"],"Seed":1,"Trainer":"x","TrainingAsOf":[],"ValidationShare":0.2}""");
        }

        string Problem(string path) => Assert.Throws<ModelLoadException>(() => RiskModel.Load(path)).Message;
        var corruptProblem = Problem(corrupt);
        var mismatchProblem = Problem(mismatched);
        var missingProblem = Problem(fixture.Folder.File("nowhere.zip"));
        var fromBytes = Assert.Throws<ModelLoadException>(() => RiskModel.Load(File.ReadAllBytes(mismatched), "the model sent")).Message;
        live.Replace(RiskModel.Load(File.ReadAllBytes(fixture.Trained.Path), "the model sent"));

        Assert.StartsWith("corrupt.zip: it is not a readable model file", corruptProblem);
        Assert.StartsWith("mismatched.zip: its feature schema does not match this build: it has 1 features, this build 46", mismatchProblem);
        Assert.StartsWith("nowhere.zip: file not found", missingProblem);
        Assert.StartsWith("the model sent: its feature schema does not match this build", fromBytes);
        Assert.NotSame(fixture.Model, live.Current);
        Assert.Equal(fixture.Model.Version, live.Current.Version);
    }
}
