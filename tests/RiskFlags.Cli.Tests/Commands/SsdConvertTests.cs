using RiskFlags.Cli.Tests.Support;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>
/// riskflags convert --from ssd on fixtures written from the SSD's table and column names (standards.md 3):
/// the one source with families and mothers, so a mother's earlier removal and her family's
/// assessment factors reach the facts and the rules.
/// </summary>
public sealed class SsdConvertTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private void Table(string name, string text)
    {
        Directory.CreateDirectory(folder.File("ssd"));
        File.WriteAllText(folder.File($"ssd/{name}"), text.ReplaceLineEndings("\n"));
    }

    private void WriteFamily()
    {
        // File names are not what tells the tables apart: their columns are.
        Table("t1.csv", """
            pers_person_id,pers_legacy_id,pers_upn,pers_sex,pers_gender,pers_ethnicity,pers_dob,pers_upn_unknown,pers_expected_dob,pers_is_mother
            M1,,,F,,WBRI,1994-04-02,,,Y
            K1,,,M,,WBRI,2016-07-01,,,N
            K2,,,F,,WBRI,2022-01-15 00:00:00.000,,,N
            K3,,,F,,WBRI,2019-03-03,,,N
            """);
        Table("t2.csv", """
            fami_table_id,fami_family_id,fami_person_id
            1,FAM1,M1
            2,FAM1,K1
            3,FAM1,K2
            """);
        Table("t3.csv", """
            moth_table_id,moth_person_id,moth_childs_person_id,moth_childs_dob
            1,M1,K1,2016-07-01
            2,M1,K2,2022-01-15
            3,M1,K3,2019-03-03
            """);
        Table("t4.csv", """
            cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_source_desc
            C100,K1,2023-09-01,6,Police
            """);
        Table("t5.csv", """
            cine_referral_id,cine_person_id,cine_referral_date,cine_cin_primary_need_code,cine_referral_source_code,cine_referral_nfa,cine_close_reason,cine_close_date
            R1,K1,2023-09-05,N1,6,N,,
            R2,K2,2023-05-01,N1,3A,Y,RC8,2023-05-02
            """);
        Table("t6.csv", """
            cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_child_seen,cina_assessment_auth_date
            A1,K1,R1,2023-09-06,Y,2023-10-20
            A2,K1,R1,2024-03-01,Y,
            """);
        Table("t7.csv", """
            cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json
            1,A1,"[""3B"",""2B""]"
            2,A2,"[""1B""]"
            """);
        Table("t8.csv", """
            cinp_cin_plan_id,cinp_referral_id,cinp_person_id,cinp_cin_plan_start_date,cinp_cin_plan_end_date
            P1,R1,K1,2023-10-25,
            """);
        Table("t9.csv", """
            s47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date,s47e_s47_nfa
            S1,R1,K1,2023-09-10,2023-09-30,N
            """);
        Table("t10.csv", """
            cppl_cp_plan_id,cppl_referral_id,cppl_icpc_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_latest_category
            CP1,R1,I1,K1,2023-10-01,2023-10-24,Emotional abuse,Neglect
            """);
        // K3, the mother's earlier child, was removed and adopted: two episodes of one period of care.
        Table("t11.csv", """
            clae_cla_episode_id,clae_person_id,clae_cla_placement_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,clae_cla_primary_need_code,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_cla_id,clae_entered_care_date
            E1,K3,PL1,2019-03-05,S,N1,2019-09-01,X1,CLA1,2019-03-05
            E2,K3,PL2,2019-09-01,P,N1,2020-06-30,E11,CLA1,2019-03-05
            """);
        Table("t12.csv", """
            lega_legal_status_id,lega_person_id,lega_legal_status,lega_legal_status_start_date,lega_legal_status_end_date
            L1,K3,C1,2019-03-05,2019-08-31
            L2,K3,E1,2019-09-01,
            """);
        Table("t13.csv", """
            miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,miss_missing_episode_end_date
            1,K1,2024-01-10,M,2024-01-11
            """);
        Table("notes.csv", """
            addr_person_id,addr_address_type,addr_address_postcode
            K1,home,XX1 1XX
            """);
    }

    [Fact]
    public async Task The_ssds_families_and_mothers_carry_a_mothers_earlier_removal_and_assessment_factors_reach_the_rules()
    {
        WriteFamily();

        var run = await CliRun.RunAsync("convert", "--from", "ssd", folder.File("ssd"), "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        Assert.Contains("Converted 4 people (1 mothers) in 1 families", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 assessments are not yet authorised", run.Out, StringComparison.Ordinal);
        Assert.Contains("Not needed: notes.csv.", run.Out, StringComparison.Ordinal);
        var people = File.ReadAllText(folder.File("out/people.csv"));
        Assert.Contains("M1,FAM1,mother,1994-04-02,F,,", people, StringComparison.Ordinal);
        Assert.Contains("K1,FAM1,child,2016-07-01,M,WBRI,", people, StringComparison.Ordinal);
        Assert.Contains("K2,FAM1,child,2022-01-15,F,WBRI,", people, StringComparison.Ordinal);
        // K3 has no ssd_family row: her mother's family.
        Assert.Contains("K3,FAM1,child,2019-03-03,F,WBRI,", people, StringComparison.Ordinal);
        var events = File.ReadAllText(folder.File("out/events.csv"));
        Assert.Contains("ssd:referral:R2,K2,2023-05-01,social_care,contact,,", events, StringComparison.Ordinal);
        Assert.Contains("ssd:factor:A1:3b,K1,2023-10-20,social_care,assessment_factor,,3b", events, StringComparison.Ordinal);
        Assert.DoesNotContain(":1b,", events, StringComparison.Ordinal);
        Assert.Contains("ssd:cp_plan:CP1,K1,2023-10-01,social_care,child_protection_plan,2023-10-24,emotional", events, StringComparison.Ordinal);
        Assert.Contains("ssd:missing:K1:2024-01-10,K1,2024-01-10,social_care,missing_from_care,,missing", events, StringComparison.Ordinal);
        Assert.Contains("ssd:s47:S1,K1,2023-09-10,social_care,section_47_enquiry,,", events, StringComparison.Ordinal);
        Assert.Contains("ssd:care:K3:2019-03-05,K3,2019-03-05,social_care,care_episode,2020-06-30,interim_care_order/adopted", events, StringComparison.Ordinal);

        var index = LinkedDataIndex.Load(folder.File("out"), TimeProvider.System, e => Assert.Fail(e.ToString()));
        var assessor = new FamilyAssessor(RiskModel.Load(InstallLayout.Find().Model), RuleSetLoader.Load(InstallLayout.Find().Rules));
        var family = await assessor.AssessAsync(index.Find("FAM1")!, new DateOnly(2024, 3, 31), TestContext.Current.CancellationToken);
        Assert.Equal((1, 1), (family.Facts.MotherPriorRemovals, family.Facts.MotherPriorRemovalsAtBirth));
        Assert.Equal("domestic abuse identified at assessment, 2023-10-20", family.Fired.Single(f => f.Rule == "DomesticAbuse.IdentifiedAtAssessment").Reason);
        Assert.Contains(family.Fired, f => f.Rule.StartsWith("PriorRemovals.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_rows_are_rejected_naming_table_file_line_column_and_field_and_the_rest_converts()
    {
        WriteFamily();
        Table("t10.csv", """
            cppl_cp_plan_id,cppl_referral_id,cppl_icpc_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_latest_category
            CP1,R1,I1,K1,2023-10-01,2023-09-24,Neglect,Neglect
            CP2,R1,I1,K1,2023-11-01,,Cruelty,Neglect
            CP3,R1,I1,NOBODY,2023-11-01,,Neglect,Neglect
            """);
        Table("t7.csv", """
            cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json
            1,A1,not json
            """);
        Table("t4.csv", """
            cont_contact_id,cont_person_id,cont_contact_date
            C100,K1,31/31/2023
            C101,K1,2023-10-01
            """);

        var run = await CliRun.RunAsync("convert", "--from", "ssd", folder.File("ssd"), "--out", folder.File("out"));

        Assert.Equal(3, run.ExitCode);
        var errors = File.ReadAllLines(folder.File("out/conversion-errors.txt"));
        Assert.Contains("t10.csv:2:6: cppl_cp_plan_end_date: 2023-09-24 is before it began (2023-10-01)", errors);
        Assert.Contains(errors, e => e.StartsWith("t10.csv:3:7: cppl_cp_plan_initial_category: 'Cruelty' is not a category of abuse", StringComparison.Ordinal));
        Assert.Contains("t10.csv:4:4: cppl_person_id: 'NOBODY' is not in ssd_person", errors);
        Assert.Contains(errors, e => e.StartsWith("t7.csv:2:3: cinf_assessment_factors_json: 'not json' is not a JSON list", StringComparison.Ordinal));
        Assert.Contains("t4.csv:2:3: cont_contact_date: '31/31/2023' is not a date (YYYY-MM-DD)", errors);
        Assert.Equal(5, errors.Length);
        Assert.Contains("ssd:contact:C101,K1,2023-10-01,social_care,contact,,", File.ReadAllText(folder.File("out/events.csv")), StringComparison.Ordinal);
    }
}
