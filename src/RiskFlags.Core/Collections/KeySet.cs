namespace RiskFlags.Core.Collections;

/// <summary>
/// A set of 64-bit keys in one open-addressed array, 8 to 16 bytes a key against some 20 for a
/// HashSet&lt;ulong&gt;: event fingerprints and (person, family) pairs by the million.
/// </summary>
public sealed class KeySet
{
    // Zero marks an empty slot; the one key that is zero is held aside.
    private ulong[] slots = new ulong[1 << 10];
    private bool hasZero;

    public long Count { get; private set; }

    /// <summary>Adds <paramref name="key"/>; false when it was already there.</summary>
    public bool Add(ulong key)
    {
        if (key == 0)
        {
            if (hasZero)
            {
                return false;
            }

            hasZero = true;
            Count++;
            return true;
        }

        var slot = Find(slots, key);
        if (slots[slot] == key)
        {
            return false;
        }

        slots[slot] = key;
        Count++;
        if (Count * 4 > slots.LongLength * 3)
        {
            Grow();
        }

        return true;
    }

    public bool Contains(ulong key) => key == 0 ? hasZero : slots[Find(slots, key)] == key;

    /// <summary>Two 32-bit numbers as one key.</summary>
    public static ulong Pair(int first, int second) => ((ulong)(uint)first << 32) | (uint)second;

    private static long Find(ulong[] table, ulong key)
    {
        var mask = table.LongLength - 1;
        // Fibonacci hashing (the product's top bits) spreads keys that are small or sequential, like (ordinal, ordinal) pairs.
        var shift = 64 - System.Numerics.BitOperations.Log2((ulong)table.LongLength);
        for (var slot = (long)((key * 0x9E3779B97F4A7C15UL) >> shift); ; slot = (slot + 1) & mask)
        {
            if (table[slot] == 0 || table[slot] == key)
            {
                return slot;
            }
        }
    }

    private void Grow()
    {
        var larger = new ulong[slots.LongLength * 2];
        foreach (var key in slots)
        {
            if (key != 0)
            {
                larger[Find(larger, key)] = key;
            }
        }

        slots = larger;
    }
}
