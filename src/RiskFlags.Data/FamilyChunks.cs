using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Data;

/// <summary>
/// Every stored family's history, in family order, a chunk of families at a time: what a cohort is
/// assessed from, in memory that stays flat however many families the store holds. Each chunk is
/// three range reads on the family key (families, their members, the members' events) and one read
/// of the children of other families its mothers head (whose removals are the mothers' prior
/// removals). Plain ADO.NET readers: at millions of rows, materialising entities would cost more than
/// the store takes to answer.
/// </summary>
public static class FamilyChunks
{
    public const int DefaultChunk = 5_000;

    /// <param name="readers">Chunks read at once, each on its own connection, ahead of the caller: a store answers one query on one core.</param>
    public static async IAsyncEnumerable<FamilyHistory> ReadAsync(
        StoreConnection store, int chunk = DefaultChunk, int readers = 2, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ranges = await RangesAsync(store, chunk, cancellationToken);
        var ahead = new Queue<Task<IReadOnlyList<FamilyHistory>>>();
        using var gate = new SemaphoreSlim(readers);
        var next = 0;
        try
        {
            while (next < ranges.Count || ahead.Count > 0)
            {
                while (next < ranges.Count && ahead.Count <= readers)
                {
                    // Task.Run: Microsoft.Data.Sqlite's async methods complete synchronously, which would read the chunks one after another.
                    var range = ranges[next++];
                    ahead.Enqueue(Task.Run(() => ChunkAsync(store, range, gate, cancellationToken), cancellationToken));
                }

                foreach (var history in await ahead.Dequeue())
                {
                    yield return history;
                }
            }
        }
        finally
        {
            // A caller that stops early leaves reads in flight: let them finish before the gate goes.
            await Task.WhenAll(ahead).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>The first and last family id of each chunk, in family order, from one pass over the family key.</summary>
    private static async Task<List<(string First, string Last)>> RangesAsync(StoreConnection store, int chunk, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT family_id FROM families ORDER BY family_id";
        var ranges = new List<(string, string)>();
        string? first = null, last = null;
        var n = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetString(0);
            first ??= last;
            if (++n == chunk)
            {
                ranges.Add((first, last));
                (first, n) = (null, 0);
            }
        }

        if (first is not null)
        {
            ranges.Add((first, last!));
        }

        return ranges;
    }

    private static async Task<IReadOnlyList<FamilyHistory>> ChunkAsync(StoreConnection store, (string First, string Last) range, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = store.CreateContext();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            var (first, last) = range;
            var builder = new LinkedDataIndexBuilder();
            (await FamiliesAsync(connection, first, last, cancellationToken)).ForEach(builder.Add);
            var members = new HashSet<(string, string)>();
            await PeopleAsync(connection, PeopleInRange, first, last, builder, members, cancellationToken);
            await PeopleAsync(connection, ChildrenOfMothersElsewhere, first, last, builder, members, cancellationToken);
            await EventsAsync(connection, EventsInRange, first, last, builder, cancellationToken);
            await EventsAsync(connection, EventsOfChildrenOfMothersElsewhere, first, last, builder, cancellationToken);
            return builder.Build().Families;
        }
        finally
        {
            gate.Release();
        }
    }

    private const string PersonColumns = "p.person_id, p.family_id, p.role, p.birth_date, p.sex, p.ethnicity, p.care_experienced, p.uasc";

    private const string PeopleInRange = $"SELECT {PersonColumns} FROM people p WHERE p.family_id >= @first AND p.family_id <= @last";

    /// <summary>A chunk mother's memberships of families outside the chunk, and the children of those families.</summary>
    private const string ChildrenOfMothersElsewhere = $"""
        SELECT {PersonColumns} FROM people m
        JOIN people mo ON mo.person_id = m.person_id AND mo.role = 'mother' AND (mo.family_id < @first OR mo.family_id > @last)
        JOIN people p ON p.family_id = mo.family_id AND (p.role = 'child' OR p.person_id = m.person_id)
        WHERE m.family_id >= @first AND m.family_id <= @last AND m.role = 'mother'
        """;

    /// <summary>Each event once per person: a mother in two families of the chunk would otherwise bring hers twice.</summary>
    private const string EventsInRange = """
        SELECT e.person_id, e.type, e.date, e.end_date, e.detail FROM events e
        WHERE e.person_id IN (SELECT DISTINCT p.person_id FROM people p WHERE p.family_id >= @first AND p.family_id <= @last)
        """;

    private const string EventsOfChildrenOfMothersElsewhere = """
        SELECT e.person_id, e.type, e.date, e.end_date, e.detail FROM events e
        WHERE e.person_id IN (
            SELECT DISTINCT c.person_id FROM people m
            JOIN people mo ON mo.person_id = m.person_id AND mo.role = 'mother' AND (mo.family_id < @first OR mo.family_id > @last)
            JOIN people c ON c.family_id = mo.family_id AND c.role = 'child'
            WHERE m.family_id >= @first AND m.family_id <= @last AND m.role = 'mother'
              AND c.person_id NOT IN (SELECT p.person_id FROM people p WHERE p.family_id >= @first AND p.family_id <= @last))
        """;

    private static async Task<List<FamilyRecord>> FamiliesAsync(DbConnection connection, string first, string last, CancellationToken cancellationToken)
    {
        await using var command = Range(connection, "SELECT family_id, local_area, deprivation_decile FROM families WHERE family_id >= @first AND family_id <= @last ORDER BY family_id", first, last);
        var families = new List<FamilyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            families.Add(new FamilyRecord(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
        }

        return families;
    }

    private static async Task PeopleAsync(DbConnection connection, string sql, string first, string last, LinkedDataIndexBuilder builder, HashSet<(string, string)> memberships, CancellationToken cancellationToken)
    {
        await using var command = Range(connection, sql, first, last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (person, family) = (reader.GetString(0), reader.GetString(1));
            if (!memberships.Add((person, family)))
            {
                continue;
            }

            builder.Add(new PersonRecord(
                person,
                family,
                Vocabulary.Roles[reader.GetString(2)],
                reader.IsDBNull(3) ? null : DateOf(reader, 3),
                reader.IsDBNull(4) ? null : Vocabulary.Sexes[reader.GetString(4)],
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetBoolean(6),
                reader.GetBoolean(7)));
        }
    }

    private static async Task EventsAsync(DbConnection connection, string sql, string first, string last, LinkedDataIndexBuilder builder, CancellationToken cancellationToken)
    {
        await using var command = Range(connection, sql, first, last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            builder.Add(reader.GetString(0), RowMapping.ToPersonEvent(
                RowMapping.ParseType(reader.GetString(1)),
                DateOf(reader, 2),
                reader.IsDBNull(3) ? null : DateOf(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
    }

    /// <summary>
    /// A stored date: PostgreSQL's date type as it is; SQLite's ISO text (as EF Core writes it) parsed
    /// by position, since at millions of events the general parser is a noticeable share of the read.
    /// </summary>
    private static DateOnly DateOf(DbDataReader reader, int column)
    {
        if (reader.GetFieldType(column) != typeof(string))
        {
            return reader.GetFieldValue<DateOnly>(column);
        }

        var text = reader.GetString(column).AsSpan();
        return text.Length == 10 && text[4] == '-' && text[7] == '-'
            ? new DateOnly(Digits(text[..4]), Digits(text[5..7]), Digits(text[8..]))
            : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Digits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static DbCommand Range(DbConnection connection, string sql, string first, string last)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@first", first);
        Add(command, "@last", last);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
