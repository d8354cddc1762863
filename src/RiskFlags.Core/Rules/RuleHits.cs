using System.Collections.Frozen;

namespace RiskFlags.Core.Rules;

/// <summary>
/// Which rules of a rule set fired for one family, as a bit per rule. Pathway rules read it as
/// <c>evidence</c>: <c>evidence.Has("DomesticAbuse.RepeatIncidents")</c>.
/// </summary>
public sealed class RuleHits
{
    private readonly ulong[] bits;
    private readonly FrozenDictionary<string, int> indexOf;

    internal RuleHits(FrozenDictionary<string, int> indexOf)
    {
        this.indexOf = indexOf;
        bits = new ulong[(indexOf.Count + 63) / 64];
    }

    /// <summary>Whether the named rule fired. Called by the rules engine; the compiled path calls <see cref="Has(int)"/>.</summary>
    public bool Has(string rule) => indexOf.TryGetValue(rule, out var index) && Has(index);

    public bool Has(int rule) => (bits[rule >> 6] & (1UL << rule)) != 0;

    internal void Set(int rule) => bits[rule >> 6] |= 1UL << rule;

    internal void Clear() => Array.Clear(bits);

    internal bool SameAs(RuleHits other) => bits.AsSpan().SequenceEqual(other.bits);

    /// <summary>The indexes of the rules that fired, in rule-set order.</summary>
    public IEnumerable<int> Indexes()
    {
        for (var word = 0; word < bits.Length; word++)
        {
            for (var rest = bits[word]; rest != 0; rest &= rest - 1)
            {
                yield return (word * 64) + System.Numerics.BitOperations.TrailingZeroCount(rest);
            }
        }
    }
}
