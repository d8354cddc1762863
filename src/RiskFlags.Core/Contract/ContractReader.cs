using System.Globalization;
using RiskFlags.Core.Collections;

namespace RiskFlags.Core.Contract;

/// <summary>
/// Reads and validates the three contract files of a folder (data-contract.md). Valid rows are
/// yielded; every rejected row is passed to the error sink with its file, line, column and reason,
/// and the rest of the file still loads. Read families, then people, then events: each file's
/// references are checked against the rows accepted before it (and against ids already in the
/// store, when the caller supplies them).
/// </summary>
public sealed class ContractReader
{
    public const string FamiliesFile = "families.csv";
    public const string PeopleFile = "people.csv";
    public const string EventsFile = "events.csv";
    public static readonly IReadOnlyList<string> Files = [FamiliesFile, PeopleFile, EventsFile];


    private static readonly ColumnSpec[] FamilyColumns =
        [new("family_id", true), new("local_area", false), new("deprivation_decile", false)];

    private static readonly ColumnSpec[] PersonColumns =
        [new("person_id", true), new("family_id", true), new("role", true), new("birth_date", false),
         new("sex", false), new("ethnicity", false), new("care_experienced", false), new("uasc", false)];

    private static readonly ColumnSpec[] EventColumns =
        [new("event_id", true), new("person_id", true), new("date", true), new("source", true),
         new("type", true), new("end_date", false), new("detail", false)];

    private readonly string directory;
    private readonly DateOnly today;
    private readonly Action<RowError> onError;
    private readonly Func<string, bool> familyInStore;
    private readonly Func<string, bool> personInStore;

    // Ids are held compactly (IdTable, KeySet), not as strings in hash sets: a national extract has
    // millions of people and tens of millions of events, and the checks must fit in flat memory.
    // Families: those loaded from families.csv, then any in the store a person row refers to.
    private readonly IdTable families = new();
    private readonly Dictionary<string, long> rejectedFamilies = new(StringComparer.Ordinal);
    private readonly IdTable persons = new();
    private readonly List<PersonSeen> personsSeen = [];
    private readonly KeySet memberships = new();
    private readonly Dictionary<string, long> rejectedPersons = new(StringComparer.Ordinal);
    // 64-bit hashes of (source, event id), not the ids. A hash seen before makes its row a suspect,
    // settled exactly after the file.
    private readonly KeySet eventKeys = new();
    private readonly List<(EventRecord Record, long Line)> suspects = [];

    /// <param name="directory">The folder holding families.csv, people.csv and events.csv.</param>
    /// <param name="time">Today's date bounds every date in the files: nothing can happen in the future.</param>
    /// <param name="onError">Receives every problem found, in file order.</param>
    /// <param name="familyInStore">Whether a family id is already stored (so people may refer to it); none when null.</param>
    /// <param name="personInStore">Whether a person id is already stored (so events may refer to it); none when null.</param>
    public ContractReader(string directory, TimeProvider time, Action<RowError> onError,
        Func<string, bool>? familyInStore = null, Func<string, bool>? personInStore = null)
    {
        this.directory = directory;
        today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        this.onError = onError;
        this.familyInStore = familyInStore ?? (_ => false);
        this.personInStore = personInStore ?? (_ => false);
    }

    public FileCounts? FamilyCounts { get; private set; }

    public FileCounts? PersonCounts { get; private set; }

    public FileCounts? EventCounts { get; private set; }

    public IProgress<ReadProgress>? Progress { get; init; }

    /// <summary>Fails fast, naming the file, when any of the three files is missing.</summary>
    public void EnsureFilesExist()
    {
        if (File.Exists(directory))
        {
            throw new ContractFileException(directory, $"is a file; give the folder that holds {string.Join(", ", Files)}");
        }

        if (!Directory.Exists(directory))
        {
            throw new ContractFileException(directory, "folder not found");
        }

        foreach (var file in Files)
        {
            var path = Path.Combine(directory, file);
            if (Directory.Exists(path))
            {
                throw new ContractFileException(file, $"is a folder at {path}, not a file");
            }

            if (!File.Exists(path))
            {
                throw new ContractFileException(file, $"file not found at {path}");
            }
        }
    }

    public IEnumerable<FamilyRecord> ReadFamilies() =>
        ReadRows(FamiliesFile, FamilyColumns, ParseFamily, counts => FamilyCounts = counts);

    public IEnumerable<PersonRecord> ReadPeople() =>
        ReadRows(PeopleFile, PersonColumns, ParsePerson, counts => PersonCounts = counts);

    public IEnumerable<EventRecord> ReadEvents()
    {
        FileCounts? counts = null;
        foreach (var e in ReadRows(EventsFile, EventColumns, ParseEvent, c => counts = c))
        {
            yield return e;
        }

        // Suspects were counted as rejected; the ones that are no duplicate after all load now.
        var (loaded, rejected) = (counts!.Loaded, counts.Rejected);
        foreach (var e in SettleSuspects())
        {
            (loaded, rejected) = (loaded + 1, rejected - 1);
            yield return e;
        }

        EventCounts = new FileCounts(loaded, rejected);
    }

    private delegate T? RowParser<out T>(CsvTable row, RowProblems problems);

    private IEnumerable<T> ReadRows<T>(string file, ColumnSpec[] columns, RowParser<T> parse, Action<FileCounts> done)
        where T : class
    {
        using var table = CsvTable.Open(Path.Combine(directory, file), columns);
        long loaded = 0, rejected = 0;
        var problems = new RowProblems(table, columns, onError);
        while (table.Read())
        {
            problems.StartRow();
            T? record = null;
            if (table.Problem is { } unreadable)
            {
                problems.At(unreadable.Column, unreadable.Reason);
            }
            else if (table.FieldCount != table.HeaderCount)
            {
                problems.Row($"the row has {table.FieldCount} fields but the header has {table.HeaderCount}");
            }
            else
            {
                record = parse(table, problems);
            }

            if (record is not null && !problems.Any)
            {
                loaded++;
                yield return record;
            }
            else
            {
                rejected++;
            }

            if (((loaded + rejected) & 0x3FFF) == 0)
            {
                Progress?.Report(new ReadProgress(file, table.BytesRead, table.TotalBytes, loaded + rejected));
            }
        }

        Progress?.Report(new ReadProgress(file, table.TotalBytes, table.TotalBytes, loaded + rejected));
        done(new FileCounts(loaded, rejected));
    }

    private FamilyRecord? ParseFamily(CsvTable row, RowProblems problems)
    {
        var id = Id(row, 0, problems);
        var area = row.Cell(1);
        if (area.Length > 100)
        {
            problems.Field(1, "is longer than 100 characters");
        }

        var decile = Decile(row, 2, problems);
        if (id is not null && families.Contains(id))
        {
            problems.Field(0, $"'{id}' appears twice in {FamiliesFile}");
            id = null;
        }

        if (id is null || problems.Any)
        {
            if (id is not null)
            {
                rejectedFamilies.TryAdd(id, row.Line);
            }

            return null;
        }

        families.Add(id);
        return new FamilyRecord(id, area.Length == 0 ? null : area, decile);
    }

    private PersonRecord? ParsePerson(CsvTable row, RowProblems problems)
    {
        var personId = Id(row, 0, problems);
        var familyId = Id(row, 1, problems);
        if (familyId is not null && !families.Contains(familyId) && !familyInStore(familyId))
        {
            problems.Field(1, rejectedFamilies.TryGetValue(familyId, out var line)
                ? $"'{familyId}' refers to a family whose row was rejected ({FamiliesFile}:{line})"
                : $"'{familyId}' is not in {FamiliesFile}");
        }

        var role = Code(row, 2, Vocabulary.Roles, problems, required: true);
        var birth = Date(row, 3, problems);
        if (birth is null && role is PersonRole.Child or PersonRole.Mother && row.Cell(3).Length == 0)
        {
            problems.Field(3, $"is required for a {role.Value.Code()}");
        }

        var sex = Code(row, 4, Vocabulary.Sexes, problems, required: false);
        var ethnicity = Ethnicity(row, 5, problems);
        var careExperienced = Bool(row, 6, problems);
        var uasc = Bool(row, 7, problems) ?? false;

        var known = personId is not null && persons.TryFind(personId, out var ordinal) ? ordinal : -1;
        if (known >= 0 && familyId is not null && families.TryFind(familyId, out var family) && memberships.Contains(KeySet.Pair(known, family)))
        {
            problems.Field(0, $"'{personId}' appears twice in family '{familyId}'");
        }
        else if (known >= 0 && birth is not null && personsSeen[known] is { BirthDate: { } earlier } seen && earlier != birth)
        {
            problems.Field(3, $"{Iso(birth.Value)} differs from the birth_date of the same person at {PeopleFile}:{seen.Line} ({Iso(earlier)})");
        }

        if (problems.Any || personId is null || familyId is null || role is null)
        {
            if (personId is not null && known < 0)
            {
                rejectedPersons.TryAdd(personId, row.Line);
            }

            return null;
        }

        if (known < 0)
        {
            known = persons.Add(personId);
            personsSeen.Add(new PersonSeen(row.Line, birth));
        }
        else if (personsSeen[known].BirthDate is null)
        {
            personsSeen[known] = new PersonSeen(row.Line, birth);
        }

        // A family only in the store gets a number here, so that its memberships can be checked too.
        memberships.Add(KeySet.Pair(known, families.Add(familyId)));
        rejectedPersons.Remove(personId);
        return new PersonRecord(personId, familyId, role.Value, birth, sex, ethnicity, careExperienced, uasc);
    }

    private EventRecord? ParseEvent(CsvTable row, RowProblems problems)
    {
        var raw = new RawEvent(row.Cell(0), row.Cell(1), row.Cell(2), row.Cell(3), row.Cell(4), row.Cell(5), row.Cell(6));
        var found = new List<(int Field, string Reason)>();
        var record = EventValidator.Validate(raw, today, found);
        foreach (var (field, reason) in found)
        {
            problems.Field(field, reason);
        }

        if (raw.PersonId.Length > 0 && ContractFields.IsIdentifier(raw.PersonId) && !persons.Contains(raw.PersonId) && !personInStore(raw.PersonId))
        {
            problems.Field(1, rejectedPersons.TryGetValue(raw.PersonId, out var line)
                ? $"'{raw.PersonId}' refers to a person whose row was rejected ({PeopleFile}:{line})"
                : $"'{raw.PersonId}' is not in {PeopleFile}");
            return null;
        }

        if (record is not null && !eventKeys.Add(EventKey(record.Source, record.EventId)))
        {
            // Held back, neither loaded nor reported: a second pass tells a duplicate from a hash that merely collided.
            suspects.Add((record, row.Line));
            return null;
        }

        return record;
    }

    private static ulong EventKey(EventSource source, string eventId) =>
        System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes($"{(int)source}:{eventId}"));

    /// <summary>
    /// Reads events.csv again, looking only at rows whose (source, id) a suspect has: in line order,
    /// the first valid row of each id is the one that loaded (or the suspect itself, when its hash only
    /// collided with another id's); every later one is a duplicate, reported as such.
    /// </summary>
    private IEnumerable<EventRecord> SettleSuspects()
    {
        if (suspects.Count == 0)
        {
            yield break;
        }

        var held = suspects.ToDictionary(s => s.Line);
        var ids = suspects.Select(s => (s.Record.Source, s.Record.EventId)).ToHashSet();
        var firstLine = new Dictionary<(EventSource, string), long>();
        using (var table = CsvTable.Open(Path.Combine(directory, EventsFile), EventColumns))
        {
            while (table.Read())
            {
                if (table.Problem is not null || table.FieldCount != table.HeaderCount
                    || !Vocabulary.Sources.TryGetValue(table.Cell(3), out var source) || !ids.Contains((source, table.Cell(0))))
                {
                    continue;
                }

                var key = (source, table.Cell(0));
                // Valid as the first pass judged it: the row's own checks, and a person it may refer to.
                var valid = held.ContainsKey(table.Line)
                    || (EventValidator.Validate(new RawEvent(table.Cell(0), table.Cell(1), table.Cell(2), table.Cell(3), table.Cell(4), table.Cell(5), table.Cell(6)), today, []) is not null
                        && (persons.Contains(table.Cell(1)) || personInStore(table.Cell(1))));
                if (valid)
                {
                    firstLine.TryAdd(key, table.Line);
                }
            }

            var idColumn = table.Has(0) ? table.Position(0) : 0;
            foreach (var (record, line) in suspects)
            {
                if (firstLine[(record.Source, record.EventId)] == line)
                {
                    yield return record;
                }
                else
                {
                    onError(new RowError(EventsFile, line, idColumn, "event_id", $"'{record.EventId}' appears twice for source '{record.Source.Code()}'"));
                }
            }
        }

        suspects.Clear();
    }

    private static string? Id(CsvTable row, int column, RowProblems problems)
    {
        var cell = row.Cell(column);
        if (ContractFields.CheckIdentifier(cell) is { } problem)
        {
            problems.Field(column, problem);
            return null;
        }

        return cell;
    }

    private DateOnly? Date(CsvTable row, int column, RowProblems problems)
    {
        var cell = row.Cell(column);
        if (cell.Length == 0)
        {
            return null;
        }

        var date = ContractFields.ParseDate(cell, today, out var problem);
        if (problem is not null)
        {
            problems.Field(column, problem);
        }

        return date;
    }

    private static TEnum? Code<TEnum>(CsvTable row, int column, IReadOnlyDictionary<string, TEnum> codes, RowProblems problems, bool required)
        where TEnum : struct
    {
        var cell = row.Cell(column);
        if (cell.Length == 0)
        {
            if (required)
            {
                problems.Field(column, "is required");
            }

            return null;
        }

        if (codes.TryGetValue(cell, out var value))
        {
            return value;
        }

        problems.Field(column, $"'{Shorten(cell)}' is not one of {ContractFields.Shorten(string.Join(", ", codes.Keys), 300)}");
        return null;
    }

    private static int? Decile(CsvTable row, int column, RowProblems problems)
    {
        var cell = row.Cell(column);
        if (cell.Length == 0)
        {
            return null;
        }

        if (int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var decile) && decile is >= 1 and <= 10)
        {
            return decile;
        }

        problems.Field(column, $"'{Shorten(cell)}' is not a decile from 1 to 10");
        return null;
    }

    private static string? Ethnicity(CsvTable row, int column, RowProblems problems)
    {
        var cell = row.Cell(column);
        if (cell.Length == 0)
        {
            return null;
        }

        if (cell.Length <= 8 && cell.All(char.IsAsciiLetterOrDigit))
        {
            return cell.ToUpperInvariant();
        }

        problems.Field(column, $"'{Shorten(cell)}' is not a DfE ethnicity code (up to 8 letters, e.g. WBRI)");
        return null;
    }

    private static bool? Bool(CsvTable row, int column, RowProblems problems)
    {
        var cell = row.Cell(column);
        if (cell.Length == 0)
        {
            return null;
        }

        if (cell.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (cell.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        problems.Field(column, $"'{Shorten(cell)}' is not true or false");
        return null;
    }

    private static string Iso(DateOnly date) => ContractFields.Iso(date);

    private static string Shorten(string text) => ContractFields.Shorten(text);

    /// <summary>Collects the problems of the current row and passes each to the sink with its place.</summary>
    /// <summary>Where a person was first accepted, and the birth date the later rows of that person must agree with.</summary>
    private readonly record struct PersonSeen(long Line, DateOnly? BirthDate);

    private sealed class RowProblems(CsvTable table, ColumnSpec[] columns, Action<RowError> sink)
    {
        public bool Any { get; private set; }

        public void StartRow() => Any = false;

        public void Field(int column, string reason)
        {
            Any = true;
            sink(new RowError(table.FileName, table.Line, table.Has(column) ? table.Position(column) : 0, columns[column].Name, reason));
        }

        public void Row(string reason) => At(0, reason);

        /// <summary>A problem at a 1-based position of the line (0: the line as a whole), named by its contract column if it is one.</summary>
        public void At(int position, string reason)
        {
            Any = true;
            var column = position > 0 ? table.ColumnAt(position) : null;
            sink(new RowError(table.FileName, table.Line, position, column is { } c ? columns[c].Name : "", reason));
        }
    }
}
