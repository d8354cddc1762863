using Google.Protobuf;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Support;

/// <summary>A small model other than the shipped one, trained as a data scientist would (a few trees, another seed), with its card beside it.</summary>
public static class SecondModel
{
    public static string Train(string path, int seed = 5)
    {
        using var folder = new TempFolder();
        DemoDataGenerator.Write(new DemoDataOptions { Families = 2500, Seed = seed }, folder.File("data"));
        var data = LinkedDataIndex.Load(folder.File("data"), TimeProvider.System, e => throw new InvalidDataException(e.ToString()));
        var shipped = InstallLayout.Find().Rules;
        new Training.RiskModelTrainer(TimeProvider.System).Train(
            data, "test data", new Training.TrainingOptions { AsOf = [new(2021, 3, 31), new(2022, 3, 31), new(2023, 3, 31)], Seed = seed, Trees = 20, MinimumExamplesPerLeaf = 20 },
            path, RuleSetLoader.Load(shipped), Core.Capacity.ProgrammeCatalogue.Load(Path.Combine(shipped, Core.Capacity.ProgrammeCatalogue.FileName)), null, "test");
        return path;
    }

    /// <summary>The request that publishes the model at <paramref name="path"/> with its card.</summary>
    public static PublishModelRequest Request(string path, string reason) => new()
    {
        Model = ByteString.CopyFrom(File.ReadAllBytes(path)),
        Reason = reason,
        CardJson = File.ReadAllText(Training.ModelCard.JsonPath(path)),
        CardMarkdown = File.ReadAllText(Training.ModelCard.MarkdownPath(path)),
    };
}
