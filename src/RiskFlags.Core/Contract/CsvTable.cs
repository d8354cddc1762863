using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace RiskFlags.Core.Contract;

/// <summary>A column a contract file may have: found by header name, case-insensitively, in any position.</summary>
internal sealed record ColumnSpec(string Name, bool Required);

/// <summary>
/// Reads one contract CSV file row by row: RFC 4180 quoting, optional BOM, CRLF or LF, columns
/// looked up by header name. Unknown columns are ignored. Rows are reported by the line they start on.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly FileStream stream;
    private readonly CsvParser parser;
    private readonly int[] fieldIndex;
    private string? badField;

    private CsvTable(string fileName, FileStream stream, CsvParser parser, int[] fieldIndex)
    {
        FileName = fileName;
        this.stream = stream;
        this.parser = parser;
        this.fieldIndex = fieldIndex;
    }

    public string FileName { get; }

    public long TotalBytes => stream.Length;

    /// <summary>Bytes consumed so far (the stream is read ahead in buffers, so this is approximate).</summary>
    public long BytesRead => stream.Position;

    public int HeaderCount { get; private set; }

    /// <summary>Opens <paramref name="path"/> and matches its header against <paramref name="columns"/>.</summary>
    /// <exception cref="ContractFileException">The file is missing, empty, unreadable or lacks a required column.</exception>
    public static CsvTable Open(string path, IReadOnlyList<ColumnSpec> columns)
    {
        var fileName = Path.GetFileName(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContractFileException(fileName, e is FileNotFoundException or DirectoryNotFoundException
                ? $"file not found at {path}"
                : $"cannot be read: {e.Message}", e);
        }

        CsvTable? table = null;
        try
        {
            var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, 1 << 16);
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Mode = CsvMode.RFC4180,
                TrimOptions = TrimOptions.Trim,
                IgnoreBlankLines = true,
            };
            CsvTable? self = null;
            config = config with { BadDataFound = args => self!.badField = args.Field };
            var parser = new CsvParser(reader, config);
            if (!parser.Read())
            {
                throw new ContractFileException(fileName, "the file is empty; expected a header row");
            }

            var header = Enumerable.Range(0, parser.Count).Select(i => parser[i]!.Trim()).ToArray();
            var index = new int[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                index[c] = Array.FindIndex(header, h => string.Equals(h, columns[c].Name, StringComparison.OrdinalIgnoreCase));
                if (index[c] < 0 && columns[c].Required)
                {
                    throw new ContractFileException(fileName,
                        $"line 1: required column '{columns[c].Name}' is missing (the header has: {string.Join(", ", header)})");
                }
            }

            table = new CsvTable(fileName, stream, parser, index) { HeaderCount = header.Length };
            self = table;
            return table;
        }
        catch (DecoderFallbackException e)
        {
            stream.Dispose();
            throw new ContractFileException(fileName, "is not valid UTF-8", e);
        }
        catch
        {
            if (table is null)
            {
                stream.Dispose();
            }

            throw;
        }
    }

    /// <summary>Moves to the next row. Returns false at the end of the file.</summary>
    public bool Read()
    {
        badField = null;
        try
        {
            if (!parser.Read())
            {
                return false;
            }

            // CsvHelper reports bad quoting when a field is materialised, so read them all now.
            for (var i = 0; i < parser.Count; i++)
            {
                _ = parser[i];
            }

            return true;
        }
        catch (DecoderFallbackException e)
        {
            throw new ContractFileException(FileName, $"line {parser.RawRow + 1}: is not valid UTF-8", e);
        }
    }

    /// <summary>The line the current row starts on (a quoted field may span lines).</summary>
    public long Line
    {
        get
        {
            long embedded = 0;
            for (var i = 0; i < parser.Count; i++)
            {
                embedded += parser[i]!.AsSpan().Count('\n');
            }

            return parser.RawRow - embedded;
        }
    }

    public int FieldCount => parser.Count;

    /// <summary>A field with quoting that breaks RFC 4180, if the row has one.</summary>
    public string? MalformedField => badField;

    public bool Has(int column) => fieldIndex[column] >= 0;

    /// <summary>The cell of a column (empty when the file has no such column).</summary>
    public string Cell(int column)
    {
        var i = fieldIndex[column];
        return i >= 0 && i < parser.Count ? parser[i]! : "";
    }

    /// <summary>1-based position of the column in this file.</summary>
    public int Position(int column) => fieldIndex[column] + 1;

    public void Dispose()
    {
        parser.Dispose();
        stream.Dispose();
    }
}
