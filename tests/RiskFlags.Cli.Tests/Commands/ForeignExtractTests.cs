using RiskFlags.Cli.Tests.Support;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Data;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>
/// An extract written by another tool that follows the contract: other id styles, shuffled and
/// upper-case headers, extra columns, every field quoted, a BOM and CRLF line endings. It must load
/// with nothing rejected and give the same facts as the original.
/// </summary>
public sealed class ForeignExtractTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_contract_following_extract_from_another_tool_loads_with_nothing_rejected_and_the_same_facts()
    {
        var original = folder.File("original");
        var foreign = folder.File("foreign");
        DemoDataGenerator.Write(new DemoDataOptions { Families = 400, Seed = 9 }, original);
        Rewrite(original, foreign);
        var db = folder.File("foreign.db");

        var run = await CliRun.RunAsync("import", foreign, "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastLine);
        foreach (var file in new[] { "families", "people", "events" })
        {
            Assert.Equal(0, json.RootElement.GetProperty(file).GetProperty("rejected").GetInt64());
        }

        await using var store = StoreConnection.Parse(db).CreateContext();
        var imported = await LinkedDataStore.LoadIndexAsync(store, TestContext.Current.CancellationToken);
        var expected = LinkedDataIndex.Load(original, TimeProvider.System, e => Assert.Fail(e.ToString()));
        var asOf = new DateOnly(2023, 3, 31);
        var before = Cohort.Build(expected, asOf).ToDictionary(m => ForeignFamily(m.Facts.FamilyId));
        var after = Cohort.Build(imported, asOf).ToList();
        Assert.Equal(before.Count, after.Count);
        foreach (var member in after)
        {
            var original_ = before[member.Facts.FamilyId];
            Assert.Equal(original_ with { Facts = original_.Facts with { FamilyId = member.Facts.FamilyId } }, member);
        }
    }

    private static string ForeignFamily(string id) => $"hh-{id[1..]}";

    private static string ForeignPerson(string id) => $"PID:{id[1..].Replace('-', '.')}";

    /// <summary>Writes the extract again as another tool might: same content, other conventions.</summary>
    private static void Rewrite(string from, string to)
    {
        Directory.CreateDirectory(to);
        Map(from, to, "families.csv", ["LOCAL_AREA", "Family_ID", "Exported_By", "DEPRIVATION_DECILE"], row => new()
        {
            ["LOCAL_AREA"] = row["local_area"], ["Family_ID"] = ForeignFamily(row["family_id"]), ["Exported_By"] = "Mosaic, export v2", ["DEPRIVATION_DECILE"] = row["deprivation_decile"],
        });
        Map(from, to, "people.csv", ["Ethnicity", "ROLE", "Care_Experienced", "Sex", "Person_Id", "Notes", "Birth_Date", "FAMILY_ID"], row => new()
        {
            ["Ethnicity"] = row["ethnicity"].ToLowerInvariant(), ["ROLE"] = row["role"].ToUpperInvariant(), ["Care_Experienced"] = row["care_experienced"].ToUpperInvariant(),
            ["Sex"] = row["sex"], ["Person_Id"] = ForeignPerson(row["person_id"]), ["Notes"] = "none, \"really\"",
            ["Birth_Date"] = row["birth_date"], ["FAMILY_ID"] = ForeignFamily(row["family_id"]),
        });
        Map(from, to, "events.csv", ["Detail", "TYPE", "Source", "Person_ID", "Date", "End_Date", "Event_ID", "Extra"], row => new()
        {
            ["Detail"] = row["detail"], ["TYPE"] = row["type"], ["Source"] = row["source"].ToUpperInvariant(), ["Person_ID"] = ForeignPerson(row["person_id"]),
            ["Date"] = row["date"], ["End_Date"] = row["end_date"], ["Event_ID"] = $"{row["source"][..3]}_{row["event_id"]}", ["Extra"] = "x, \"y\"",
        });
    }

    private static void Map(string from, string to, string file, string[] header, Func<Dictionary<string, string>, Dictionary<string, string>> map)
    {
        using var reader = new CsvReader(new StreamReader(Path.Combine(from, file)), CultureInfo.InvariantCulture);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n", ShouldQuote = _ => true };
        using var writer = new CsvWriter(new StreamWriter(Path.Combine(to, file), false, new UTF8Encoding(true)), config);
        foreach (var name in header)
        {
            writer.WriteField(name);
        }

        writer.NextRecord();
        reader.Read();
        reader.ReadHeader();
        while (reader.Read())
        {
            var row = reader.HeaderRecord!.ToDictionary(h => h, h => reader.GetField(h)!);
            var mapped = map(row);
            foreach (var name in header)
            {
                writer.WriteField(mapped[name]);
            }

            writer.NextRecord();
        }
    }
}
