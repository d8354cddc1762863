using RiskFlags.Cli.Tests.Support;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>riskflags convert --from ssda903 on fixtures written from the DfE's table layouts (standards.md 1.1).</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(folder.File("in"));
        File.WriteAllText(folder.File($"in/{name}"), text.ReplaceLineEndings("\n"));
        return folder.File("in");
    }

    private string Events() => File.ReadAllText(folder.File("out/events.csv"));

    [Fact]
    public async Task Both_date_styles_and_both_sex_code_sets_convert_and_the_result_imports_with_nothing_rejected()
    {
        // Named so that the header, not the name, has to tell the tables apart.
        Write("a.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            101,1,03/02/2012,WBRI,,,
            102,2,14/09/2019,BAFR,,,
            """);
        Write("b.csv", """
            LA,YEAR,CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            883,2025,103,M,2010-06-01,WBRI,,,
            883,2025,104,F,2016-11-30,MWBC,,,
            """);
        Write("c.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            101,05/05/2022,S,V2,N4,U1,PR1,01/09/2022,E4A,,,,
            102,10/01/2023,S,C1,N1,U1,PR1,,,,,,
            """);
        var input = Write("d.csv", """
            LA,YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            883,2025,103,2024-07-01,S,L2,N1,U1,PR1,2024-07-08,E4B,,,,
            883,2025,104,2024-08-01,S,V3,N2,U1,PR1,2024-08-03,E8,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"));
        var import = await CliRun.RunAsync("import", folder.File("out"), "--db", $"Data Source={folder.File("store.db")}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Converted 4 children and 4 episodes into 3 periods of care", run.Out);
        Assert.Contains("1 periods of short breaks (V3/V4) were not written", run.Out);
        var people = File.ReadAllText(folder.File("out/people.csv"));
        Assert.Contains("903:101,903:101,child,2012-02-03,M,WBRI,", people);
        Assert.Contains("903:102,903:102,child,2019-09-14,F,BAFR,", people);
        Assert.Contains("903:103,903:103,child,2010-06-01,M,WBRI,", people);
        Assert.Contains("903:101:2022-05-05,903:101,2022-05-05,social_care,care_episode,2022-09-01,s20/returned_home", Events());
        Assert.Contains("903:102:2023-01-10,903:102,2023-01-10,social_care,care_episode,,interim_care_order", Events());
        Assert.Contains("903:103:2024-07-01,903:103,2024-07-01,social_care,care_episode,2024-07-08,emergency_protection_order/returned_home", Events());
        Assert.DoesNotContain("903:104:", Events());
        Assert.Equal(0, import.ExitCode);
        Assert.Matches(@"events\s+3\s+0\s", import.Out);
    }

    [Fact]
    public async Task A_period_of_three_episodes_is_one_care_episode_and_a_repeat_in_a_later_years_return_is_stored_once()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            201,2,01/03/2020,WBRI,,,
            202,1,01/03/2011,WBRI,,,
            """);
        Write("episodes-2023.csv", """
            YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            2023,201,01/06/2022,S,C1,N1,U1,PR1,01/10/2022,X1,,,,
            2023,201,01/10/2022,L,C2,N1,U1,PR1,,,,,,
            2023,202,15/02/2023,P,C2,N1,U1,PR1,,,,,,
            """);
        var input = Write("episodes-2024.csv", """
            YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            2024,201,01/10/2022,L,C2,N1,U1,PR1,01/12/2023,X1,,,,
            2024,201,01/12/2023,P,E1,N1,U1,PR1,20/03/2024,E11,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("903:201:2022-06-01,903:201,2022-06-01,social_care,care_episode,2024-03-20,interim_care_order/adopted", Events());
        Assert.Single(Events().Split('\n'), l => l.StartsWith("903:201:", StringComparison.Ordinal));
        // 202's first episode in the returns is a change of placement: its care began before them.
        Assert.Contains("903:202:2023-02-15,903:202,2023-02-15,social_care,care_episode,,care_order", Events());
        Assert.Contains("(1 began before the returns: their start is not known)", run.Out);
    }

    [Fact]
    public async Task Bad_records_are_rejected_naming_file_line_and_field_and_the_rest_still_converts()
    {
        Write("header.csv", """
            CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
            301,1,01/01/2015,WBRI,,,
            302,7,01/01/2015,WBRI,,,
            """);
        var input = Write("episodes.csv", """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            301,32/01/2023,S,C1,N1,U1,PR1,,,,,,
            301,01/02/2023,S,Q9,N1,U1,PR1,,,,,,
            301,01/03/2023,S,C1,N1,U1,PR1,01/02/2023,E4A,,,,
            399,01/03/2023,S,C1,N1,U1,PR1,,,,,,
            301,01/04/2023,S,V2,N1,U1,PR1,,,,,,
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssda903", input, "--out", folder.File("out"));

        Assert.Equal(3, run.ExitCode);
        var errors = File.ReadAllLines(folder.File("out/conversion-errors.txt"));
        Assert.Contains(errors, e => e.StartsWith("header.csv:3:2: SEX: '7' is not a SEX code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:2:2: DECOM: '32/01/2023' is not a date", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:3:4: LS: 'Q9' is not a legal status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:4:8: DEC: 2023-02-01 is before the episode began (2023-03-01)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("episodes.csv:5:1: CHILD: '399' has episodes but is not in the Header table", StringComparison.Ordinal));
        Assert.Equal(5, errors.Length);
        Assert.Contains("903:301:2023-04-01,903:301,2023-04-01,social_care,care_episode,,s20", Events());
        Assert.Contains("5 records rejected", run.Error);
    }
}
