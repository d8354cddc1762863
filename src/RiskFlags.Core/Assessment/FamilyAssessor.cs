using RiskFlags.Core.Facts;
using RiskFlags.Core.Referrals;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Core.Assessment;

/// <summary>
/// The assessment step, the one place a family's history becomes a <see cref="FamilyAssessment"/>:
/// facts, then the model's score, then the rules on the scored facts, then the programmes they
/// suggest. One family goes through the shared RulesEngine instance; many go through the same rules
/// compiled into delegates, a chunk at a time (facts built in parallel, one batch through the
/// model), so a cohort of any size streams through in flat memory. Both paths agree (tests prove it).
/// </summary>
public sealed class FamilyAssessor
{
    /// <summary>Families assessed together on the compiled path: enough to keep both cores busy and the model's batches long, few enough that reading the next ones overlaps.</summary>
    public const int ChunkSize = 5_000;

    private readonly RiskModel? model;

    public FamilyAssessor(RiskModel model, RuleSet rules)
        : this(rules)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
    }

    private FamilyAssessor(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
    }

    /// <summary>The rules with no model (every score <see cref="RiskScore.None"/>): the baseline an evaluation compares the model against.</summary>
    public static FamilyAssessor RulesAlone(RuleSet rules) => new(rules);

    public RiskModel Model => model ?? throw new InvalidOperationException("This assessor runs the rules alone, without a model.");

    public RuleSet Rules { get; }

    /// <summary>One family, through the RulesEngine.</summary>
    public async Task<FamilyAssessment> AssessAsync(FamilyHistory history, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var facts = FamilyFactsBuilder.Build(history, asOf);
        var scored = new ScoredFacts(facts, model?.Score(facts) ?? RiskScore.None);
        var fired = Rules.Describe(scored, await Rules.EvaluateWithEngineAsync(scored, cancellationToken));
        return new FamilyAssessment(scored.Facts, scored.Score, fired, SuggestedProgramme.From(fired));
    }

    /// <summary>Many families as of a date, in their order, on the compiled path; only those assessed (<see cref="Cohort.IsAssessed"/>: the cohort and the women Pause works with) unless <paramref name="cohortOnly"/> is false.</summary>
    public IEnumerable<FamilyAssessment> AssessMany(IEnumerable<FamilyHistory> families, DateOnly asOf, bool cohortOnly = true)
    {
        foreach (var chunk in families.Chunk(ChunkSize))
        {
            var facts = new FamilyFacts?[chunk.Length];
            Parallel.For(0, chunk.Length, i =>
            {
                var built = FamilyFactsBuilder.Build(chunk[i], asOf);
                facts[i] = !cohortOnly || Cohort.IsAssessed(built) ? built : null;
            });
            foreach (var assessment in AssessMany(facts.OfType<FamilyFacts>()))
            {
                yield return assessment;
            }
        }
    }

    /// <summary>
    /// Many families read as they come (from the store, a chunk at a time), in their order, on the
    /// compiled path: memory holds one chunk, however many families there are.
    /// </summary>
    public async IAsyncEnumerable<FamilyAssessment> AssessManyAsync(
        IAsyncEnumerable<FamilyHistory> families, DateOnly asOf, bool cohortOnly = true, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in families.Chunk(ChunkSize).WithCancellation(cancellationToken))
        {
            foreach (var assessment in AssessMany(chunk, asOf, cohortOnly))
            {
                yield return assessment;
            }
        }
    }

    /// <summary>Facts already built (a training snapshot, say), in their order, on the compiled path.</summary>
    public IEnumerable<FamilyAssessment> AssessMany(IEnumerable<FamilyFacts> facts)
    {
        var hits = Rules.CreateHits();
        foreach (var chunk in facts.Chunk(ChunkSize))
        {
            using var scores = (model is null ? chunk.Select(_ => RiskScore.None) : model.Score(chunk)).GetEnumerator();
            foreach (var f in chunk)
            {
                scores.MoveNext();
                var scored = new ScoredFacts(f, scores.Current);
                Rules.Evaluate(scored, hits);
                var fired = Rules.Describe(scored, hits);
                yield return new FamilyAssessment(scored.Facts, scored.Score, fired, SuggestedProgramme.From(fired));
            }
        }
    }
}
