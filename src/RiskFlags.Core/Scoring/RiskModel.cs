using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Core.Scoring;

/// <summary>
/// A trained classifier loaded from its model file: boosted trees (FastTree), a calibrator fitted
/// on held-out families, and ML.NET's feature contributions for explanations. Score cohorts in
/// batches through the transformer; single families through pooled prediction engines
/// (a PredictionEngine is not thread-safe). Safe to share between threads.
/// </summary>
public sealed class RiskModel
{
    public const int TopFactorCount = 3;

    /// <summary>A factor is shown only when it raises the score by at least this much (in the trees' score units).</summary>
    public const float MinimumContribution = 0.05f;

    private readonly MLContext ml = new(seed: 0);
    private readonly ITransformer scoring;
    private readonly ObjectPool<PredictionEngine<FeatureRow, ScoredRow>> engines;

    private RiskModel(string path, string version, ModelManifest manifest, ITransformer scoring)
    {
        Path = path;
        Version = version;
        Manifest = manifest;
        this.scoring = scoring;
        engines = new DefaultObjectPool<PredictionEngine<FeatureRow, ScoredRow>>(new EnginePolicy(ml, scoring), Environment.ProcessorCount * 2);
    }

    public string Path { get; }

    /// <summary>A hash of the model file: every assessment records it.</summary>
    public string Version { get; }

    public ModelManifest Manifest { get; }

    /// <summary>Loads and checks a model file: readable, written for this build's features, and able to score.</summary>
    /// <exception cref="ModelLoadException">It cannot be used; the message says why.</exception>
    public static RiskModel Load(string path) => Load(ReadBounded(path), path);

    /// <summary>Loads and checks a model file's bytes (as the store's model registry holds them).</summary>
    /// <param name="path">Where the bytes came from, as errors and <see cref="Path"/> name it.</param>
    /// <exception cref="ModelLoadException">It cannot be used; the message says why.</exception>
    public static RiskModel Load(byte[] bytes, string path)
    {
        if (bytes.Length == 0)
        {
            throw new ModelLoadException(path, "is empty");
        }

        if (bytes.Length > MaximumFileBytes)
        {
            throw new ModelLoadException(path, $"is larger than {MaximumFileBytes >> 20} MB: not a model riskflags train writes");
        }

        var manifest = ModelFile.ReadManifest(bytes, path);
        if (manifest.Features is null)
        {
            throw new ModelLoadException(path, "its manifest lists no features: it was not written by riskflags train");
        }

        if (!manifest.Features.SequenceEqual(FeatureVector.Names))
        {
            var missing = FeatureVector.Names.Except(manifest.Features).ToList();
            var extra = manifest.Features.Except(FeatureVector.Names).ToList();
            throw new ModelLoadException(path,
                $"its feature schema does not match this build: it has {manifest.Features.Count} features, this build {FeatureVector.Count}" +
                (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : "") +
                (extra.Count > 0 ? $"; unknown {string.Join(", ", extra)}" : "") +
                (missing.Count + extra.Count == 0 ? "; same features in another order" : ""));
        }

        var ml = new MLContext(seed: 0);
        ITransformer loaded;
        try
        {
            loaded = ml.Model.Load(new MemoryStream(bytes), out var inputSchema);
            if (inputSchema.GetColumnOrNull(nameof(FeatureRow.Features)) is not { Type: VectorDataViewType { Size: FeatureVector.Count } })
            {
                throw new ModelLoadException(path, $"its input is not a vector of {FeatureVector.Count} features");
            }
        }
        catch (Exception e) when (e is not ModelLoadException and not OutOfMemoryException)
        {
            throw new ModelLoadException(path, $"ML.NET cannot load it: {e.Message}", e);
        }

        if (loaded is not TransformerChain<ITransformer> chain
            || chain.FirstOrDefault() is not ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> trees)
        {
            throw new ModelLoadException(path, "it is not a FastTree classifier followed by a calibrator, as riskflags train writes");
        }

        var contributions = ml.Transforms.CalculateFeatureContribution(trees, numberOfPositiveContributions: FeatureVector.Count, numberOfNegativeContributions: 0, normalize: false)
            .Fit(ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()));
        var model = new RiskModel(path, ModelFile.VersionOf(bytes), manifest, chain.Append(contributions));
        var probe = model.Score(new FamilyFacts { FamilyId = "probe", AsOf = default });
        if (!double.IsFinite(probe.Probability) || probe.Probability is < 0 or > 1)
        {
            throw new ModelLoadException(path, $"it scores an empty family as {probe.Probability}, not a probability");
        }

        return model;
    }

    /// <summary>The largest model file read: a trained model is well under a megabyte, so anything near this is not one.</summary>
    public const long MaximumFileBytes = 64L << 20;

    /// <summary>The file's bytes, read only up to <see cref="MaximumFileBytes"/>: a device, or a file that never ends, is refused rather than read into memory.</summary>
    private static byte[] ReadBounded(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ModelLoadException(path, $"is a folder at {System.IO.Path.GetFullPath(path)}, not a model file");
        }

        try
        {
            var bytes = BoundedFile.Read(path, MaximumFileBytes);
            return bytes.Length == 0 ? throw new ModelLoadException(path, "is empty") : bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, e is FileNotFoundException or DirectoryNotFoundException ? $"file not found at {System.IO.Path.GetFullPath(path)}" : $"{e.Message}: not a model riskflags train writes", e);
        }
    }

    /// <summary>One family, through a pooled prediction engine.</summary>
    public RiskScore Score(FamilyFacts facts)
    {
        var engine = engines.Get();
        try
        {
            var row = new FeatureRow();
            FeatureVector.Fill(facts, row.Features);
            var scored = engine.Predict(row);
            return ToScore(row.Features, scored);
        }
        finally
        {
            engines.Return(engine);
        }
    }

    /// <summary>Many families through the transformer in one pass; results in the same order.</summary>
    public IEnumerable<RiskScore> Score(IEnumerable<FamilyFacts> facts)
    {
        var rows = facts.Select(f =>
        {
            var row = new FeatureRow();
            FeatureVector.Fill(f, row.Features);
            return row;
        });
        var scored = scoring.Transform(ml.Data.LoadFromEnumerable(rows));
        foreach (var row in ml.Data.CreateEnumerable<ScoredRowWithFeatures>(scored, reuseRowObject: true))
        {
            yield return ToScore(row.Features, row);
        }
    }

    /// <summary>
    /// The largest positive contributions among what the records show. Boosted trees share credit
    /// between correlated features, so an absence ("prior removals at birth = 0") can carry a positive
    /// contribution; an absence is not a reason an officer can act on, so counts and flags of 0 and
    /// unknown values are left out.
    /// </summary>
    private static RiskScore ToScore(float[] features, ScoredRow scored)
    {
        var top = new List<Factor>(TopFactorCount);
        var contributions = scored.FeatureContributions;
        for (var n = 0; n < TopFactorCount; n++)
        {
            var best = -1;
            for (var i = 0; i < contributions.Length; i++)
            {
                if (contributions[i] >= MinimumContribution && Present(FeatureVector.Features[i], features[i])
                    && (best < 0 || contributions[i] > contributions[best]) && !top.Exists(t => t.Feature == FeatureVector.Names[i]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            var feature = FeatureVector.Features[best];
            top.Add(new Factor(feature.Name, feature.Description, features[best], FeatureVector.ValueText(feature, features[best]), contributions[best]));
        }

        var probability = (double)scored.Probability;
        return new RiskScore(probability, RiskBands.Of(probability), top);
    }

    private static bool Present(Feature feature, float value) => feature.Kind switch
    {
        FeatureKind.Count or FeatureKind.Flag => value != 0,
        FeatureKind.MaybeUnknown => value != -1,
        FeatureKind.YesNoUnknown => value == 1,
        _ => true,
    };

    /// <summary>What the scoring pipeline adds to a row.</summary>
    internal class ScoredRow
    {
        public float Probability { get; set; }

        [VectorType(FeatureVector.Count)]
        public float[] FeatureContributions { get; set; } = [];
    }

    internal sealed class ScoredRowWithFeatures : ScoredRow
    {
        [VectorType(FeatureVector.Count)]
        public float[] Features { get; set; } = [];
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer scoring) : PooledObjectPolicy<PredictionEngine<FeatureRow, ScoredRow>>
    {
        public override PredictionEngine<FeatureRow, ScoredRow> Create() => ml.Model.CreatePredictionEngine<FeatureRow, ScoredRow>(scoring);

        public override bool Return(PredictionEngine<FeatureRow, ScoredRow> obj) => true;
    }
}
