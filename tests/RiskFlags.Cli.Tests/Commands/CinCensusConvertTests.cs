using RiskFlags.Cli.Tests.Support;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>
/// riskflags convert --from cin-census on fixtures written from the census's XML layout (standards.md 2):
/// every module converts, assessment factors become dated evidence the rules read, and bad input is
/// reported by file, line and field while the rest converts.
/// </summary>
public sealed class CinCensusConvertTests : IDisposable
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

    private static string Census(int year, string children) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Message>
          <Header>
            <CollectionDetails><Collection>CIN</Collection><Year>{year}</Year><ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>
            <Source><SourceLevel>L</SourceLevel><LEA>883</LEA></Source>
          </Header>
          <Children>
        {children}
          </Children>
        </Message>
        """;

    /// <summary>Two families known only to children's social care: no police, substance-service or health records at all.</summary>
    private const string EveryModule = """
            <Child>
              <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2016-05-01</PersonBirthDate><GenderCurrent>2</GenderCurrent></ChildIdentifiers>
              <ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
              <CINdetails>
                <CINreferralDate>2023-10-01</CINreferralDate>
                <ReferralSource>6</ReferralSource>
                <PrimaryNeedCode>N1</PrimaryNeedCode>
                <ReferralNFA>false</ReferralNFA>
                <Assessments>
                  <AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate>
                  <AssessmentAuthorisationDate>2024-02-11</AssessmentAuthorisationDate>
                  <FactorsIdentifiedAtAssessment>
                    <AssessmentFactors>3B</AssessmentFactors>
                    <AssessmentFactors>2B</AssessmentFactors>
                    <AssessmentFactors>4B</AssessmentFactors>
                  </FactorsIdentifiedAtAssessment>
                </Assessments>
                <CINPlanDates><CINPlanStartDate>2024-02-15</CINPlanStartDate></CINPlanDates>
                <Section47><S47ActualStartDate>2023-11-20</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>
                <ChildProtectionPlans>
                  <CPPstartDate>2023-12-01</CPPstartDate><CPPendDate>2024-02-14</CPPendDate>
                  <InitialCategoryOfAbuse>EMO</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
                </ChildProtectionPlans>
              </CINdetails>
            </Child>
            <Child>
              <ChildIdentifiers><LAchildID>C2</LAchildID><PersonBirthDate>2019-01-09</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
              <CINdetails>
                <CINreferralDate>2023-06-01</CINreferralDate>
                <ReferralNFA>1</ReferralNFA>
              </CINdetails>
              <CINdetails>
                <CINreferralDate>2023-09-01</CINreferralDate>
                <ReferralNFA>0</ReferralNFA>
                <Assessments>
                  <AssessmentActualStartDate>2023-09-02</AssessmentActualStartDate>
                  <AssessmentAuthorisationDate>2024-01-20</AssessmentAuthorisationDate>
                  <FactorsIdentifiedAtAssessment><AssessmentFactors>1B</AssessmentFactors></FactorsIdentifiedAtAssessment>
                </Assessments>
                <Assessments>
                  <AssessmentActualStartDate>2024-03-01</AssessmentActualStartDate>
                  <FactorsIdentifiedAtAssessment><AssessmentFactors>3A</AssessmentFactors></FactorsIdentifiedAtAssessment>
                </Assessments>
              </CINdetails>
            </Child>
            <Child>
              <ChildIdentifiers><LAchildID>C3</LAchildID><PersonBirthDate>2012-07-07</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>
              <CINdetails>
                <CINreferralDate>2023-08-01</CINreferralDate>
                <ReferralNFA>0</ReferralNFA>
                <Assessments>
                  <AssessmentActualStartDate>2023-08-02</AssessmentActualStartDate>
                  <AssessmentAuthorisationDate>2023-09-01</AssessmentAuthorisationDate>
                  <FactorsIdentifiedAtAssessment><AssessmentFactors>21</AssessmentFactors></FactorsIdentifiedAtAssessment>
                </Assessments>
              </CINdetails>
            </Child>
            <Child>
              <ChildIdentifiers><LAchildID>C4</LAchildID><PersonBirthDate>2008-02-02</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
              <CINdetails>
                <CINreferralDate>2023-05-01</CINreferralDate><ReferralNFA>0</ReferralNFA>
                <Assessments>
                  <AssessmentActualStartDate>2023-05-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2023-05-20</AssessmentAuthorisationDate>
                  <FactorsIdentifiedAtAssessment><AssessmentFactors>9A</AssessmentFactors></FactorsIdentifiedAtAssessment>
                </Assessments>
              </CINdetails>
            </Child>
            <Child>
              <ChildIdentifiers><LAchildID>U1</LAchildID><ExpectedPersonBirthDate>2024-06-01</ExpectedPersonBirthDate><Sex>U</Sex></ChildIdentifiers>
            </Child>
        """;

    [Fact]
    public async Task Every_module_converts_dated_as_recorded_and_factors_only_once_the_assessment_is_authorised()
    {
        var input = Write("return.xml", Census(2024, EveryModule));

        var run = await CliRun.RunAsync("convert", "--from", "cin-census", input, "--out", folder.File("out"));
        var import = await CliRun.RunAsync("import", folder.File("out"), "--db", $"Data Source={folder.File("store.db")}");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Converted 4 children: 4 referrals, 1 contacts (referrals closed with no further action), 5 assessment factors from 5 assessments, 1 CIN plans, 1 section 47 enquiries and 1 child protection plans", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 assessments are not yet authorised", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 unborn children", run.Out, StringComparison.Ordinal);
        Assert.Contains("Each child is a family of its own", run.Out, StringComparison.Ordinal);
        var people = File.ReadAllText(folder.File("out/people.csv"));
        Assert.Contains("C1,C1,child,2016-05-01,F,WBRI,", people, StringComparison.Ordinal);
        Assert.Contains("C2,C2,child,2019-01-09,M,,", people, StringComparison.Ordinal);
        // Factor 9A: an unaccompanied asylum-seeking child.
        Assert.Contains("C4,C4,child,2008-02-02,M,,,true", people, StringComparison.Ordinal);
        var events = Events();
        Assert.Contains("cin:C1:2023-10-01:referral,C1,2023-10-01,social_care,referral,,6", events, StringComparison.Ordinal);
        Assert.Contains("cin:C2:2023-06-01:referral,C2,2023-06-01,social_care,contact,,", events, StringComparison.Ordinal);
        // Dated when the assessment was signed off, not when it started: no fact knows them earlier.
        Assert.Contains("cin:C1:2024-02-11:factor:3b,C1,2024-02-11,social_care,assessment_factor,,3b", events, StringComparison.Ordinal);
        Assert.Contains("cin:C1:2024-02-11:factor:2b,C1,2024-02-11,social_care,assessment_factor,,2b", events, StringComparison.Ordinal);
        Assert.Contains("cin:C2:2024-01-20:factor:1b,C2,2024-01-20,social_care,assessment_factor,,1b", events, StringComparison.Ordinal);
        Assert.DoesNotContain(":factor:3a", events, StringComparison.Ordinal);
        Assert.DoesNotContain(":factor:21", events, StringComparison.Ordinal);
        Assert.Contains("cin:C1:2024-02-15:cin_plan,C1,2024-02-15,social_care,child_in_need_plan,,", events, StringComparison.Ordinal);
        Assert.Contains("cin:C1:2023-11-20:s47,C1,2023-11-20,social_care,section_47_enquiry,,", events, StringComparison.Ordinal);
        // The initial category (known when the plan began), not the latest.
        Assert.Contains("cin:C1:2023-12-01:cp_plan,C1,2023-12-01,social_care,child_protection_plan,2024-02-14,emotional", events, StringComparison.Ordinal);
        Assert.True(import.ExitCode == 0, import.Error);
    }

    [Fact]
    public async Task Assessment_factors_with_no_police_or_treatment_records_give_domestic_abuse_and_substance_flags_with_dated_reasons()
    {
        var input = Write("return.xml", Census(2024, EveryModule));
        await CliRun.RunAsync("convert", "--from", "cin-census", input, "--out", folder.File("out"));

        var scored = await CliRun.RunAsync("score", "--model", InstallLayout.Find().Model, "--data", folder.File("out"), "--as-of", "2024-03-31", "--out", folder.File("scores.csv"));
        var index = LinkedDataIndex.Load(folder.File("out"), TimeProvider.System, e => Assert.Fail(e.ToString()));
        var assessor = new FamilyAssessor(RiskModel.Load(InstallLayout.Find().Model), RuleSetLoader.Load(InstallLayout.Find().Rules));
        var c1 = await assessor.AssessAsync(index.Find("C1")!, new DateOnly(2024, 3, 31), TestContext.Current.CancellationToken);

        Assert.True(scored.ExitCode == 0, scored.Error);
        var rows = File.ReadAllLines(folder.File("scores.csv")).Skip(1).ToDictionary(l => l.Split(',')[0], l => l);
        Assert.Contains("DomesticAbuse.IdentifiedAtAssessment", rows["C1"], StringComparison.Ordinal);
        Assert.Contains("SubstanceMisuse.IdentifiedAtAssessment", rows["C1"], StringComparison.Ordinal);
        Assert.Contains("SubstanceMisuse.IdentifiedAtAssessment", rows["C2"], StringComparison.Ordinal);
        Assert.DoesNotContain("DomesticAbuse.", rows["C2"], StringComparison.Ordinal);
        Assert.DoesNotContain("IdentifiedAtAssessment", rows["C3"], StringComparison.Ordinal);
        // What a MASH worker reads: where the evidence came from and when.
        Assert.Equal("domestic abuse identified at assessment, 2024-02-11", c1.Fired.Single(f => f.Rule == "DomesticAbuse.IdentifiedAtAssessment").Reason);
        Assert.Equal("parental drug misuse identified at assessment, 2024-02-11", c1.Fired.Single(f => f.Rule == "SubstanceMisuse.IdentifiedAtAssessment").Reason);
    }

    [Fact]
    public async Task Several_years_merge_a_repeated_record_once_and_the_later_year_wins()
    {
        const string Earlier = """
                <Child>
                  <ChildIdentifiers><LAchildID>C9</LAchildID><PersonBirthDate>2014-01-01</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>
                  <CINdetails>
                    <CINreferralDate>2023-01-10</CINreferralDate><ReferralNFA>0</ReferralNFA>
                    <CINPlanDates><CINPlanStartDate>2023-02-01</CINPlanStartDate></CINPlanDates>
                  </CINdetails>
                </Child>
            """;
        const string Later = """
                <Child>
                  <ChildIdentifiers><LAchildID>C9</LAchildID><PersonBirthDate>2014-01-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
                  <CINdetails>
                    <CINreferralDate>2023-01-10</CINreferralDate><ReferralNFA>0</ReferralNFA>
                    <CINPlanDates><CINPlanStartDate>2023-02-01</CINPlanStartDate><CINPlanEndDate>2023-08-31</CINPlanEndDate></CINPlanDates>
                  </CINdetails>
                </Child>
            """;
        Write("b-2024.xml", Census(2024, Later));
        var input = Write("a-2023.xml", Census(2023, Earlier));

        var run = await CliRun.RunAsync("convert", "--from", "cin-census", input, "--out", folder.File("out"), "--prefix-ids");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = Events().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.Contains(":referral,", StringComparison.Ordinal));
        Assert.Equal("cin:C9:2023-02-01:cin_plan,cin:C9,2023-02-01,social_care,child_in_need_plan,2023-08-31,", Assert.Single(lines, l => l.Contains("cin_plan", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Bad_records_are_rejected_naming_file_line_and_field_inconsistent_ones_warn_and_the_rest_converts()
    {
        var input = Write("bad.xml", Census(2024, """
                <Child>
                  <ChildIdentifiers><LAchildID>B1</LAchildID><PersonBirthDate>2015-02-30</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
                </Child>
                <Child>
                  <ChildIdentifiers><LAchildID>B2</LAchildID><PersonBirthDate>2015-02-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
                  <CINdetails>
                    <CINreferralDate>2023-05-01</CINreferralDate><ReferralNFA>0</ReferralNFA>
                    <Assessments>
                      <AssessmentActualStartDate>2023-05-10</AssessmentActualStartDate>
                      <AssessmentAuthorisationDate>2023-05-02</AssessmentAuthorisationDate>
                      <FactorsIdentifiedAtAssessment><AssessmentFactors>3C</AssessmentFactors></FactorsIdentifiedAtAssessment>
                    </Assessments>
                    <Assessments>
                      <AssessmentAuthorisationDate>2023-06-01</AssessmentAuthorisationDate>
                      <FactorsIdentifiedAtAssessment><AssessmentFactors>99Z</AssessmentFactors></FactorsIdentifiedAtAssessment>
                    </Assessments>
                    <CINPlanDates><CINPlanStartDate>2023-04-01</CINPlanStartDate></CINPlanDates>
                    <ChildProtectionPlans><CPPstartDate>2023-07-01</CPPstartDate><CPPendDate>2023-06-01</CPPendDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse></ChildProtectionPlans>
                    <ChildProtectionPlans><CPPstartDate>2023-08-01</CPPstartDate><InitialCategoryOfAbuse>XYZ</InitialCategoryOfAbuse></ChildProtectionPlans>
                    <Section47><S47ActualStartDate>2023-05-03</S47ActualStartDate><Colour>blue</Colour></Section47>
                  </CINdetails>
                  stray words
                </Child>
            """));

        var run = await CliRun.RunAsync("convert", "--from", "cin-census", input, "--out", folder.File("out"));

        Assert.Equal(3, run.ExitCode);
        var errors = File.ReadAllLines(folder.File("out/conversion-errors.txt"));
        Assert.Contains(errors, e => e.StartsWith("bad.xml:9:", StringComparison.Ordinal) && e.Contains("PersonBirthDate: '2015-02-30' is not a date (YYYY-MM-DD)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.xml:22:", StringComparison.Ordinal) && e.Contains("AssessmentFactors: '99Z' is not a DfE assessment factor code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.xml:25:", StringComparison.Ordinal) && e.Contains("CPPendDate: 2023-06-01 is before the plan began (2023-07-01)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.xml:26:", StringComparison.Ordinal) && e.Contains("InitialCategoryOfAbuse: 'XYZ' is not a category of abuse", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.xml:27:", StringComparison.Ordinal) && e.Contains("Colour: is not part of Section47 in the CIN census", StringComparison.Ordinal));
        Assert.Equal(5, errors.Length);
        var warnings = File.ReadAllLines(folder.File("out/conversion-warnings.txt"));
        Assert.Contains(warnings, w => w.StartsWith("bad.xml:17:", StringComparison.Ordinal) && w.Contains("AssessmentAuthorisationDate: 2023-05-02 is before the assessment started (2023-05-10)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("bad.xml:24:", StringComparison.Ordinal) && w.Contains("CINPlanStartDate: 2023-04-01 is before its referral (2023-05-01)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("stray text 'stray words' skipped", StringComparison.Ordinal));
        // What was valid still converted: the child, its referral, the warned assessment's factor and the plan.
        var events = Events();
        Assert.Contains("cin:B2:2023-05-01:referral,B2,", events, StringComparison.Ordinal);
        Assert.Contains("cin:B2:2023-05-02:factor:3c,B2,", events, StringComparison.Ordinal);
        Assert.Contains("cin:B2:2023-04-01:cin_plan,B2,", events, StringComparison.Ordinal);
        Assert.DoesNotContain("B1", File.ReadAllText(folder.File("out/people.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_well_formed_xml_is_unreadable_input_naming_its_line()
    {
        var input = Write("broken.xml", "<Message><Children><Child></Children></Message>");

        var run = await CliRun.RunAsync("convert", "--from", "cin-census", input, "--out", folder.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.xml: line 1, column", run.Error, StringComparison.Ordinal);
        Assert.Contains("not well-formed XML", run.Error, StringComparison.Ordinal);
    }
}
