using RiskFlags.Core.Capacity;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training.Tests;

/// <summary>A small demo data set and a model trained on it, shared by the training tests.</summary>
public sealed class TrainedFixture : IDisposable
{
    public static readonly IReadOnlyList<DateOnly> Dates = [new(2021, 3, 31), new(2022, 3, 31), new(2023, 3, 31)];

    public TrainedFixture()
    {
        DemoDataGenerator.Write(new DemoDataOptions { Families = 4000, Seed = 17 }, Folder.File("data"));
        Data = LinkedDataIndex.Load(Folder.File("data"), TimeProvider.System, e => throw new InvalidDataException(e.ToString()));
        Truth = DemoDataGenerator.ReadTruth(Folder.File("data/truth.csv"));
        var rules = InstallLayout.Find().Rules;
        Rules = RuleSetLoader.Load(rules);
        Programmes = ProgrammeCatalogue.Load(Path.Combine(rules, ProgrammeCatalogue.FileName));
        Trained = Train(Folder.File("model.zip"), seed: 42);
        Model = RiskModel.Load(Trained.Path);
    }

    public TempFolder Folder { get; } = new();

    public LinkedDataIndex Data { get; }

    public IReadOnlyList<TruthRow> Truth { get; }

    public RuleSet Rules { get; }

    public ProgrammeCatalogue Programmes { get; }

    public TrainedModel Trained { get; }

    public RiskModel Model { get; }

    public TrainedModel Train(string path, int seed) =>
        new RiskModelTrainer(TimeProvider.System).Train(Data, "test data", new TrainingOptions { AsOf = Dates, Seed = seed }, path, Rules, Programmes, Truth, "test");

    public void Dispose() => Folder.Dispose();
}
