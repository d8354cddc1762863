namespace RiskFlags.Core.Rules;

/// <summary>
/// The rule set a running process uses. A reload loads the folder whole; only a valid set replaces
/// the live one, in a single reference swap, so a request sees either the old set or the new one.
/// </summary>
public sealed class LiveRuleSet(RuleSet initial)
{
    private RuleSet current = initial;

    public RuleSet Current => Volatile.Read(ref current);

    /// <summary>Loads <paramref name="directory"/> (default: the live set's folder) and swaps it in if it is valid.</summary>
    /// <returns>The live set after the attempt, and the problems that kept a new set out (empty when it went live).</returns>
    public (RuleSet Live, IReadOnlyList<RuleProblem> Problems) Reload(string? directory = null)
    {
        try
        {
            var loaded = RuleSetLoader.Load(directory ?? Current.Directory);
            Volatile.Write(ref current, loaded);
            return (loaded, []);
        }
        catch (RuleSetException e)
        {
            return (Current, e.Problems);
        }
    }
}
