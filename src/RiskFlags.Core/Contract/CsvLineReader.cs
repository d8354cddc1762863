namespace RiskFlags.Core.Contract;

/// <summary>
/// Splits a byte stream into physical lines (LF, CRLF or CR), one at a time, without decoding them,
/// so that each line can be decoded and judged on its own: a bad byte or a stray quote costs its
/// line and nothing after it. A line longer than <see cref="MaximumLineBytes"/> is read past, not
/// held, and reported as too long.
/// </summary>
internal sealed class CsvLineReader(Stream stream)
{
    /// <summary>The longest line kept: a contract row is a few hundred bytes; anything near this is not a row.</summary>
    public const int MaximumLineBytes = 1 << 20;

    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool eof;

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of the stream consumed by the lines returned so far.</summary>
    public long Consumed { get; private set; }

    /// <summary>The line last returned was longer than <see cref="MaximumLineBytes"/>; only its start was kept.</summary>
    public bool TooLong { get; private set; }

    /// <summary>Moves to the next line. The span is valid until the next call.</summary>
    public bool Next(out ReadOnlySpan<byte> line)
    {
        TooLong = false;
        var scanned = 0;
        while (true)
        {
            var terminator = buffer.AsSpan(start + scanned, end - start - scanned).IndexOfAny((byte)'\n', (byte)'\r');
            if (terminator >= 0)
            {
                var at = start + scanned + terminator;
                if (buffer[at] == '\r' && at + 1 == end && !eof)
                {
                    // A CR at the end of the buffer may be the first half of CRLF: read on before deciding.
                    scanned = at - start;
                    Fill();
                    continue;
                }

                var length = at - start;
                var width = buffer[at] == '\r' && at + 1 < end && buffer[at + 1] == '\n' ? 2 : 1;
                line = buffer.AsSpan(start, length);
                start = at + width;
                LineNumber++;
                Consumed += length + width;
                return true;
            }

            scanned = end - start;
            if (eof)
            {
                if (end == start)
                {
                    line = default;
                    return false;
                }

                line = buffer.AsSpan(start, end - start);
                Consumed += end - start;
                start = end;
                LineNumber++;
                return true;
            }

            if (end - start >= MaximumLineBytes)
            {
                line = SkipRestOfLine();
                return true;
            }

            Fill();
        }
    }

    /// <summary>Keeps the first bytes of an overlong line and reads past the rest of it to its terminator.</summary>
    private ReadOnlySpan<byte> SkipRestOfLine()
    {
        TooLong = true;
        var kept = buffer.AsSpan(start, 256).ToArray();
        Consumed += end - start;
        start = end;
        while (true)
        {
            Fill();
            var terminator = buffer.AsSpan(start, end - start).IndexOfAny((byte)'\n', (byte)'\r');
            if (terminator >= 0)
            {
                var at = start + terminator;
                var width = buffer[at] == '\r' && at + 1 < end && buffer[at + 1] == '\n' ? 2 : 1;
                Consumed += terminator + width;
                start = at + width;
                break;
            }

            Consumed += end - start;
            start = end;
            if (eof)
            {
                break;
            }
        }

        LineNumber++;
        return kept;
    }

    /// <summary>Reads more of the stream behind what is buffered, moving or growing the buffer as needed.</summary>
    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaximumLineBytes + (1 << 16)));
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        end += read;
        eof = read == 0;
    }
}
