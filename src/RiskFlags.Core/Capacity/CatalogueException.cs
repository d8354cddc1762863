namespace RiskFlags.Core.Capacity;

/// <summary>A catalogue that cannot be used; <see cref="Problems"/> lists every problem found.</summary>
public sealed class CatalogueException(IReadOnlyList<CatalogueProblem> problems)
    : Exception($"the programme catalogue is invalid: {problems[0]}")
{
    public IReadOnlyList<CatalogueProblem> Problems { get; } = problems;
}
