using System.Globalization;
using System.Text;
using Grpc.Core;
using RiskFlags.Cli;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>
/// A council's first day: its SSDA903 and CIN census for a few hundred children, imported straight
/// from the returns (they join on the child's id), and a MASH worker reading one family's reasons.
/// </summary>
public sealed class CouncilReturnsTests : IDisposable
{
    private const int Children = 300;
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A seeded 903 (Header, Episodes) and CIN census for the same children, as a council would submit them.</summary>
    private (string Returns903, string Census, HashSet<string> AbuseAssessed) WriteReturns(int seed)
    {
        var random = new Random(seed);
        var header = new StringBuilder("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
        var episodes = new StringBuilder("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
        var census = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year></CollectionDetails></Header><Children>\n");
        var abuse = new HashSet<string>(StringComparer.Ordinal);
        static string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] statuses = ["C1", "C2", "V2", "E1", "L1", "J1"];
        string[] ends = ["E4A", "E11", "E13", "E45", "E41"];
        for (var i = 1; i <= Children; i++)
        {
            var id = $"C{i:D4}";
            var birth = new DateOnly(2007, 1, 1).AddDays(random.Next(16 * 365));
            var sex = random.Next(2) == 0 ? "1" : "2";
            header.Append(CultureInfo.InvariantCulture, $"{id},{sex},{D(birth)},WBRI,,,\n");
            if (random.NextDouble() < 0.4)
            {
                // A period of care of one to three episodes (changes of placement joined by X1), ended or open.
                var start = birth.AddDays(random.Next(30, 365 * 3)) is var s && s < new DateOnly(2023, 6, 1) ? s : new DateOnly(2023, 6, 1);
                var pieces = random.Next(1, 4);
                var status = statuses[random.Next(statuses.Length)];
                for (var p = 0; p < pieces; p++)
                {
                    var end = start.AddDays(random.Next(30, 200));
                    var last = p == pieces - 1;
                    var open = last && random.NextDouble() < 0.3;
                    episodes.Append(CultureInfo.InvariantCulture,
                        $"{id},{D(start)},{(p == 0 ? "S" : "P")},{status},N1,U1,PR1,{(open ? "" : D(end))},{(open ? "" : last ? ends[random.Next(ends.Length)] : "X1")},,,,\n");
                    start = end;
                }
            }

            if (random.NextDouble() < 0.6)
            {
                var referral = new DateOnly(2023, 4, 1).AddDays(random.Next(300));
                var authorised = referral.AddDays(random.Next(10, 45));
                string[] factors = random.Next(4) switch { 0 => ["3B"], 1 => ["2B", "4B"], 2 => ["1B", "3A"], _ => ["21"] };
                if (factors.Any(f => f.StartsWith('3')))
                {
                    abuse.Add(id);
                }

                census.Append(CultureInfo.InvariantCulture, $"""
                    <Child><ChildIdentifiers><LAchildID>{id}</LAchildID><PersonBirthDate>{Iso(birth)}</PersonBirthDate><GenderCurrent>{sex}</GenderCurrent></ChildIdentifiers>
                    <CINdetails><CINreferralDate>{Iso(referral)}</CINreferralDate><ReferralSource>5D</ReferralSource><ReferralNFA>false</ReferralNFA>
                    <Assessments><AssessmentActualStartDate>{Iso(referral.AddDays(1))}</AssessmentActualStartDate><AssessmentAuthorisationDate>{Iso(authorised)}</AssessmentAuthorisationDate>
                    <FactorsIdentifiedAtAssessment>{string.Concat(factors.Select(f => $"<AssessmentFactors>{f}</AssessmentFactors>"))}</FactorsIdentifiedAtAssessment></Assessments>
                    <CINPlanDates><CINPlanStartDate>{Iso(authorised.AddDays(3))}</CINPlanStartDate></CINPlanDates>
                    </CINdetails></Child>

                    """);
            }
        }

        census.Append("</Children></Message>\n");
        Directory.CreateDirectory(folder.File("903"));
        File.WriteAllText(folder.File("903/header.csv"), header.ToString());
        File.WriteAllText(folder.File("903/episodes.csv"), episodes.ToString());
        File.WriteAllText(folder.File("census.xml"), census.ToString());
        return (folder.File("903"), folder.File("census.xml"), abuse);
    }

    private static async Task<(int Exit, string Out, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RiskFlagsCli.RunAsync(args, new CliConsole(output, error, ErrorIsTerminal: false), TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_903_and_a_cin_census_of_a_few_hundred_children_import_with_nothing_rejected_and_a_mash_worker_sees_the_reasons()
    {
        var (returns903, census, abuse) = WriteReturns(seed: 903);
        var store = $"Data Source={folder.File("council.db")}";

        var from903 = await CliAsync("import", "--from", "ssda903", returns903, "--db", store, "--errors", folder.File("903-errors.txt"));
        var fromCensus = await CliAsync("import", "--from", "cin-census", census, "--db", store, "--errors", folder.File("cin-errors.txt"));
        await using var server = new ServerFactory { ConnectionString = store, DemoFamilies = 0 };
        Assessment? assessed = null;
        foreach (var child in abuse.Order(StringComparer.Ordinal))
        {
            // A child still looked after is not a family the front door offers help to: the first at home.
            assessed = await server.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = child, AsOf = "2024-03-31" }, cancellationToken: Cancel);
            if (assessed.InCohort)
            {
                break;
            }
        }

        var cohort = await server.Assessments(Keys.Manager).AssessCohort(new AssessCohortRequest { AsOf = "2024-03-31" }, cancellationToken: Cancel).ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);

        Assert.True(from903.Exit == 0, from903.Error + from903.Out);
        Assert.True(fromCensus.Exit == 0, fromCensus.Error + fromCensus.Out);
        Assert.Empty(File.ReadAllLines(folder.File("conversion-errors.txt")));
        Assert.Contains($"Converted {Children} children", from903.Out, StringComparison.Ordinal);
        Assert.Contains("periods of care", from903.Out, StringComparison.Ordinal);
        // The rules read the census's factors for the child the 903 also holds: one person, both returns' records.
        Assert.True(assessed!.InCohort);
        var flag = Assert.Single(assessed.Flags, f => f.Rule == "DomesticAbuse.IdentifiedAtAssessment");
        Assert.StartsWith("domestic abuse identified at assessment, 202", flag.Reason, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(flag.Evidence));
        Assert.True(assessed.RiskScore is > 0 and < 1);
        Assert.True(cohort.Count > 100, $"{cohort.Count} cohort families");
        Assert.Contains(cohort, a => a.Flags.Any(f => f.Rule == "SubstanceMisuse.IdentifiedAtAssessment"));
    }
}
