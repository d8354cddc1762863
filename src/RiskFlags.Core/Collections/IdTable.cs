using System.Buffers;
using System.Text;

namespace RiskFlags.Core.Collections;

/// <summary>
/// An exact set of contract identifiers (1-64 ASCII characters) numbered in the order they were added,
/// held as bytes in one buffer: about 25 bytes an id against some 75 for a HashSet of strings, which is
/// what lets an import check millions of family and person ids in bounded memory.
/// </summary>
public sealed class IdTable
{
    private const int MaximumLength = 64;

    private byte[] text = new byte[1 << 16];
    private int textLength;
    private int[] starts = new int[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int[] slots = new int[1 << 11];

    public int Count { get; private set; }

    /// <summary>The ordinal of <paramref name="id"/>, added (with the next ordinal) if it is new.</summary>
    public int Add(ReadOnlySpan<char> id)
    {
        Span<byte> bytes = stackalloc byte[MaximumLength];
        var key = Encode(id, bytes);
        var hash = Hash(key);
        var slot = Find(key, hash);
        if (slots[slot] != 0)
        {
            return slots[slot] - 1;
        }

        var ordinal = Count++;
        Append(ordinal, key, hash);
        slots[slot] = ordinal + 1;
        if (Count * 2 > slots.Length)
        {
            Rehash(slots.Length * 2);
        }

        return ordinal;
    }

    public bool Contains(ReadOnlySpan<char> id) => TryFind(id, out _);

    public bool TryFind(ReadOnlySpan<char> id, out int ordinal)
    {
        ordinal = -1;
        if (id.Length is 0 or > MaximumLength || !Ascii.IsValid(id))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaximumLength];
        var key = Encode(id, bytes);
        var slot = Find(key, Hash(key));
        ordinal = slots[slot] - 1;
        return ordinal >= 0;
    }

    private static ReadOnlySpan<byte> Encode(ReadOnlySpan<char> id, Span<byte> buffer)
    {
        if (id.Length is 0 or > MaximumLength || Ascii.FromUtf16(id, buffer, out var written) != OperationStatus.Done)
        {
            throw new ArgumentException($"'{id}' is not a contract identifier (1-{MaximumLength} ASCII characters)", nameof(id));
        }

        return buffer[..written];
    }

    private static int Hash(ReadOnlySpan<byte> key) => (int)System.IO.Hashing.XxHash3.HashToUInt64(key);

    private int Find(ReadOnlySpan<byte> key, int hash)
    {
        var mask = slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = slots[slot];
            if (entry == 0 || (hashes[entry - 1] == hash && Text(entry - 1).SequenceEqual(key)))
            {
                return slot;
            }
        }
    }

    private ReadOnlySpan<byte> Text(int ordinal)
    {
        var end = ordinal + 1 < Count ? starts[ordinal + 1] : textLength;
        return text.AsSpan(starts[ordinal], end - starts[ordinal]);
    }

    private void Append(int ordinal, ReadOnlySpan<byte> key, int hash)
    {
        if (ordinal == starts.Length)
        {
            Array.Resize(ref starts, starts.Length * 2);
            Array.Resize(ref hashes, hashes.Length * 2);
        }

        if (textLength + key.Length > text.Length)
        {
            Array.Resize(ref text, Math.Max(text.Length * 2, textLength + key.Length));
        }

        starts[ordinal] = textLength;
        hashes[ordinal] = hash;
        key.CopyTo(text.AsSpan(textLength));
        textLength += key.Length;
    }

    private void Rehash(int size)
    {
        slots = new int[size];
        var mask = size - 1;
        for (var ordinal = 0; ordinal < Count; ordinal++)
        {
            var slot = hashes[ordinal] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = ordinal + 1;
        }
    }
}
