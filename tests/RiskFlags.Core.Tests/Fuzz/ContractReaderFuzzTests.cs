using System.Text;
using Microsoft.Extensions.Time.Testing;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Tests.Fuzz;

/// <summary>
/// Seeded random damage to a valid extract: stray quotes, commas, line breaks, NULs, bytes that are
/// not UTF-8, cut and doubled lines. Whatever the damage, the reader never throws (but for a broken
/// header, which stops the file by name), never loses a line silently (every data line is loaded or
/// rejected), reports every rejection with its file and a line that exists, and loads every line the
/// damage did not touch.
/// </summary>
public sealed class ContractReaderFuzzTests : IDisposable
{
    public const int Cases = 2_000;
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private static readonly byte[] Nasty = "\"\",\r\n\0\t ;'\\"u8.ToArray().Concat(new byte[] { 0xFF, 0xC3, 0xA3, 0xE2, 0x80 }).ToArray();

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Families() => "family_id,local_area,deprivation_decile\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"F{i},\"Area {i}, North\",{1 + (i % 10)}\n"));

    private static string People() => "person_id,family_id,role,birth_date,sex,ethnicity,care_experienced\n" +
        string.Concat(Enumerable.Range(1, 12).Select(i => $"M{i},F{i},mother,1990-0{1 + (i % 9)}-15,F,WBRI,{(i % 2 == 0 ? "true" : "")}\nC{i},F{i},child,2018-06,M,,\n"));

    private static string Events() => "event_id,person_id,date,source,type,end_date,detail\n" +
        string.Concat(Enumerable.Range(1, 40).Select(i => (i % 4) switch
        {
            0 => $"E{i},M{1 + (i % 12)},2024-01-{1 + (i % 28):D2},police,domestic_abuse_incident,,victim\n",
            1 => $"E{i},C{1 + (i % 12)},2023-05,social_care,child_in_need_plan,2024-02-01,\n",
            2 => $"E{i},C{1 + (i % 12)},2024-02-0{1 + (i % 9)},school,suspension,,\n",
            _ => $"E{i},M{1 + (i % 12)},2024-03-{1 + (i % 28):D2},health,ae_attendance,,\n",
        }));

    [Fact]
    public void Damaged_extracts_are_read_without_a_crash_a_silent_loss_or_a_rejection_without_its_place()
    {
        var random = new Random(20_261_201);
        var originals = new Dictionary<string, string> { ["families.csv"] = Families(), ["people.csv"] = People(), ["events.csv"] = Events() };
        var fileErrors = 0;
        for (var n = 0; n < Cases; n++)
        {
            var target = originals.Keys.ElementAt(random.Next(3));
            var damaged = Damage(Encoding.UTF8.GetBytes(originals[target]), random);
            foreach (var (file, text) in originals)
            {
                File.WriteAllBytes(folder.File(file), file == target ? damaged : Encoding.UTF8.GetBytes(text));
            }

            var errors = new List<RowError>();
            var reader = new ContractReader(folder.Path, Today, errors.Add);
            var loaded = new Dictionary<string, List<string>>();
            try
            {
                loaded["families.csv"] = [.. reader.ReadFamilies().Select(f => f.FamilyId)];
                loaded["people.csv"] = [.. reader.ReadPeople().Select(p => $"{p.PersonId}/{p.FamilyId}")];
                loaded["events.csv"] = [.. reader.ReadEvents().Select(e => e.EventId)];
            }
            catch (ContractFileException e)
            {
                // Only a damaged header stops a file, and it says which.
                Assert.True(e.File == target && HeaderDamaged(originals[target], damaged), $"case {n}: {e.Message}");
                fileErrors++;
                continue;
            }

            var lines = DataLines(damaged);
            var counts = target switch
            {
                "families.csv" => reader.FamilyCounts!,
                "people.csv" => reader.PersonCounts!,
                _ => reader.EventCounts!,
            };
            Assert.True(counts.Loaded + counts.Rejected == lines.Count, $"case {n}: {counts.Loaded} loaded + {counts.Rejected} rejected of {lines.Count} data lines in {target}");
            Assert.All(errors, e => Assert.True(e.Line >= 2 && e.Line <= LineCount(File.ReadAllBytes(folder.File(e.File))), $"case {n}: {e}"));
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason), $"case {n}: {e}"));
            Assert.All(errors, e => Assert.True(e.Reason.Length < 400, $"case {n}: {e.Reason.Length} characters"));

            // Events refer to nothing but people, and people to families, so an untouched event line must load
            // (unless the damage made another line take its id first).
            if (target == "events.csv")
            {
                var rejectedLines = errors.Where(e => e.File == "events.csv").Select(e => e.Line).ToHashSet();
                var originalLines = originals[target].Split('\n').Skip(1).Where(l => l.Length > 0).ToHashSet();
                foreach (var (line, number) in lines.Where(l => originalLines.Contains(l.Text)))
                {
                    var duplicate = errors.Any(e => e.Line == number && e.Reason.Contains("appears twice", StringComparison.Ordinal));
                    Assert.True(!rejectedLines.Contains(number) || duplicate, $"case {n}: untouched line {number} '{line}' was rejected: {string.Join("; ", errors.Where(e => e.Line == number))}");
                }
            }
        }

        Assert.InRange(fileErrors, 1, Cases / 4);
    }

    /// <summary>One to three random changes at random places: a byte from a nasty set put in, a byte taken out, a line cut short or doubled.</summary>
    private static byte[] Damage(byte[] text, Random random)
    {
        var bytes = text.ToList();
        for (var k = random.Next(1, 4); k > 0; k--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes.Insert(at, Nasty[random.Next(Nasty.Length)]);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes[at] = Nasty[random.Next(Nasty.Length)];
                    break;
                case 3:
                    var end = bytes.IndexOf((byte)'\n', at);
                    if (end > at)
                    {
                        bytes.RemoveRange(at, end - at);
                    }

                    break;
                default:
                    var start = bytes.LastIndexOf((byte)'\n', Math.Max(0, at - 1)) + 1;
                    var stop = bytes.IndexOf((byte)'\n', at);
                    if (stop > start)
                    {
                        bytes.InsertRange(stop + 1, bytes.GetRange(start, stop - start + 1));
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>The non-blank lines after the header, as the reader splits them (LF, CRLF or CR), with their numbers.</summary>
    private static List<(string Text, long Number)> DataLines(byte[] bytes)
    {
        var lines = Split(bytes);
        var header = lines.FindIndex(l => l.Trim(' ', '\t').Length > 0);
        return [.. lines.Select((l, i) => (Text: l, Number: (long)i + 1)).Skip(header + 1).Where(l => l.Text.Trim(' ', '\t').Length > 0)];
    }

    private static long LineCount(byte[] bytes) => Split(bytes).Count;

    private static List<string> Split(byte[] bytes)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is (byte)'\n' or (byte)'\r')
            {
                lines.Add(Encoding.Latin1.GetString(bytes, start, i - start));
                if (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add(Encoding.Latin1.GetString(bytes, start, bytes.Length - start));
        }

        return lines;
    }

    private static bool HeaderDamaged(string original, byte[] damaged)
    {
        var header = original[..original.IndexOf('\n', StringComparison.Ordinal)];
        var first = Split(damaged).FirstOrDefault(l => l.Trim(' ', '\t').Length > 0);
        return first != header;
    }
}
