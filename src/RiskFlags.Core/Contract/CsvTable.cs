using System.Text;

namespace RiskFlags.Core.Contract;

/// <summary>
/// Reads one contract CSV file row by row: UTF-8 (a byte-order mark is allowed; UTF-16 with one is
/// read too), LF, CRLF or CR line endings, RFC 4180 quoting within a line, columns looked up by
/// header name. No field of the contract can hold a line break, so every row is one line: a quote
/// that does not close on its own line, or a byte that is not UTF-8, costs that line alone and
/// reading goes on with the next, so nothing valid after it is lost and the line numbers stay
/// exact. Unknown columns are ignored; blank lines are skipped.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream stream;
    private readonly Stream source;
    private readonly CsvLineReader lines;
    private readonly int[] fieldIndex;
    private readonly List<string> fields = [];

    private CsvTable(string fileName, Stream source, Stream stream, CsvLineReader lines, int[] fieldIndex, int headerCount)
    {
        FileName = fileName;
        this.source = source;
        this.stream = stream;
        this.lines = lines;
        this.fieldIndex = fieldIndex;
        HeaderCount = headerCount;
    }

    public string FileName { get; }

    public long TotalBytes => source.Length;

    /// <summary>Bytes of the file read so far.</summary>
    public long BytesRead => source.Position;

    public int HeaderCount { get; }

    /// <summary>The line the current row is on.</summary>
    public long Line => lines.LineNumber;

    public int FieldCount => fields.Count;

    /// <summary>What makes the current line unreadable as a row, if anything; then its cells are empty.</summary>
    public LineProblem? Problem { get; private set; }

    /// <summary>Opens <paramref name="path"/> and matches its header against <paramref name="columns"/>.</summary>
    /// <exception cref="ContractFileException">The file is missing, empty, not UTF-8, or its header lacks a required column or repeats one.</exception>
    public static CsvTable Open(string path, IReadOnlyList<ColumnSpec> columns)
    {
        var fileName = Path.GetFileName(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContractFileException(fileName, e is FileNotFoundException or DirectoryNotFoundException
                ? $"file not found at {path}"
                : $"cannot be read: {e.Message}", e);
        }

        try
        {
            var stream = Decoded(file, fileName);
            var lines = new CsvLineReader(stream);
            var header = FirstLine(lines, fileName);
            var index = MatchHeader(header, columns, fileName);
            return new CsvTable(fileName, file, stream, lines, index, header.Count);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next row (skipping blank lines). Returns false at the end of the file.</summary>
    public bool Read()
    {
        while (lines.Next(out var bytes))
        {
            if (IsBlank(bytes))
            {
                continue;
            }

            fields.Clear();
            Problem = lines.TooLong
                ? new LineProblem(0, $"the line is longer than {CsvLineReader.MaximumLineBytes / (1 << 20)} MB; no row of the contract is")
                : Decode(bytes, out var text) ?? Split(text, fields);
            if (Problem is not null)
            {
                fields.Clear();
            }

            return true;
        }

        return false;
    }

    public bool Has(int column) => fieldIndex[column] >= 0;

    /// <summary>The cell of a column (empty when the file has no such column).</summary>
    public string Cell(int column)
    {
        var i = fieldIndex[column];
        return i >= 0 && i < fields.Count ? fields[i] : "";
    }

    /// <summary>1-based position of the column in this file.</summary>
    public int Position(int column) => fieldIndex[column] + 1;

    /// <summary>Which contract column is at a 1-based position of this file, if any.</summary>
    public int? ColumnAt(int position)
    {
        var i = Array.IndexOf(fieldIndex, position - 1);
        return i >= 0 ? i : null;
    }

    public void Dispose()
    {
        stream.Dispose();
        source.Dispose();
    }

    /// <summary>UTF-8 as it is (its byte-order mark skipped); UTF-16 with a byte-order mark, transcoded to UTF-8 as it is read.</summary>
    private static Stream Decoded(FileStream file, string fileName)
    {
        Span<byte> bom = stackalloc byte[3];
        var read = file.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        if (read >= 2 && (bom[0], bom[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            file.Position = 2;
            return Encoding.CreateTranscodingStream(file, bom[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode, Encoding.UTF8, leaveOpen: true);
        }

        file.Position = read == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
        if (read >= 2 && (bom[0] == 0 || bom[1] == 0))
        {
            throw new ContractFileException(fileName, "line 1: the file looks like UTF-16 without a byte-order mark (NUL bytes between the letters); save it as UTF-8");
        }

        return file;
    }

    private static List<string> FirstLine(CsvLineReader lines, string fileName)
    {
        while (lines.Next(out var bytes))
        {
            if (IsBlank(bytes))
            {
                continue;
            }

            var header = new List<string>();
            var problem = Decode(bytes, out var text) ?? Split(text, header);
            return problem is null
                ? header
                : throw new ContractFileException(fileName, $"line {lines.LineNumber}: the header cannot be read: {problem.Reason}");
        }

        throw new ContractFileException(fileName, "the file is empty; expected a header row");
    }

    private static int[] MatchHeader(List<string> header, IReadOnlyList<ColumnSpec> columns, string fileName)
    {
        var index = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var positions = header.Select((h, i) => (h, i)).Where(x => string.Equals(x.h, columns[c].Name, StringComparison.OrdinalIgnoreCase)).Select(x => x.i + 1).ToList();
            if (positions.Count > 1)
            {
                throw new ContractFileException(fileName,
                    $"line 1: column '{columns[c].Name}' appears {positions.Count} times (columns {string.Join(" and ", positions)}); which one holds the data is not clear, so the file is not read");
            }

            index[c] = positions.Count == 1 ? positions[0] - 1 : -1;
            if (index[c] < 0 && columns[c].Required)
            {
                throw new ContractFileException(fileName,
                    $"line 1: required column '{columns[c].Name}' is missing (the header has: {ContractFields.Shorten(string.Join(", ", header), 300)})");
            }
        }

        return index;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    private static LineProblem? Decode(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            text = "";
            var at = Math.Max(0, e.Index);
            var column = 1 + bytes[..Math.Min(at, bytes.Length)].Count((byte)',');
            var bad = at < bytes.Length ? $"0x{bytes[at]:X2}" : "a byte";
            return new LineProblem(column, $"{bad} at byte {at + 1} of the line is not UTF-8 (a £ or é saved as Windows-1252 looks like this); save the file as UTF-8");
        }
    }

    /// <summary>
    /// The fields of one line, RFC 4180 style: a field may be quoted, with "" for a quote inside it,
    /// and is trimmed of the spaces around it. Returns what is wrong when the quoting is broken.
    /// </summary>
    private static LineProblem? Split(string line, List<string> fields)
    {
        var cell = new StringBuilder();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            var column = fields.Count + 1;
            if (i < line.Length && line[i] == '"')
            {
                var opened = i++;
                cell.Clear();
                while (true)
                {
                    var quote = line.IndexOf('"', i);
                    if (quote < 0)
                    {
                        return new LineProblem(column,
                            $"the quote opened at character {opened + 1} is not closed on this line (no field of the contract holds a line break; a quote inside a field is written \"\")");
                    }

                    cell.Append(line, i, quote - i);
                    if (quote + 1 < line.Length && line[quote + 1] == '"')
                    {
                        cell.Append('"');
                        i = quote + 2;
                        continue;
                    }

                    i = quote + 1;
                    break;
                }

                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    return new LineProblem(column, $"text follows the closing quote of a field at character {i + 1} (RFC 4180: a quote inside a field must be doubled and the field quoted)");
                }

                fields.Add(cell.ToString());
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var raw = comma < 0 ? line.AsSpan(i) : line.AsSpan(i, comma - i);
                if (raw.Contains('"'))
                {
                    return new LineProblem(column, $"malformed quoting in field '{ContractFields.Shorten(raw.ToString())}' (RFC 4180: a quote inside a field must be doubled and the field quoted)");
                }

                fields.Add(raw.TrimEnd([' ', '\t']).ToString());
                i = comma < 0 ? line.Length : comma;
            }

            if (i >= line.Length)
            {
                return null;
            }

            i++; // past the comma
            if (i == line.Length)
            {
                fields.Add("");
                return null;
            }
        }
    }
}
