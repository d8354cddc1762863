using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Core.Tests.Scoring;

public sealed class FeatureVectorTests
{
    [Fact]
    public void The_vector_has_the_declared_size_and_unique_names()
    {
        Assert.Equal(FeatureVector.Count, FeatureVector.Features.Count);
        Assert.Equal(FeatureVector.Count, FeatureVector.Names.Distinct().Count());
    }

    [Fact]
    public void No_protected_characteristic_is_a_feature()
    {
        foreach (var word in new[] { "ethnic", "sex", "gender", "race", "religio", "nationality" })
        {
            Assert.DoesNotContain(FeatureVector.Features, f => f.Name.Contains(word, StringComparison.OrdinalIgnoreCase) || f.Description.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Changing_everyones_ethnicity_and_sex_changes_no_feature()
    {
        var families = DemoDataGenerator.Generate(new DemoDataOptions { Families = 400, Seed = 3 }).ToList();
        LinkedDataIndex Build(Func<PersonRecord, PersonRecord> change)
        {
            var builder = new LinkedDataIndexBuilder();
            foreach (var family in families)
            {
                builder.Add(family.Family);
                foreach (var person in family.People)
                {
                    builder.Add(change(person));
                }

                foreach (var e in family.Events)
                {
                    builder.Add(e.PersonId, new PersonEvent(e.Date, e.EndDate, e.Type, e.DetailCode));
                }
            }

            return builder.Build();
        }

        var original = Build(p => p);
        var changed = Build(p => p with { Ethnicity = p.Ethnicity == "WBRI" ? "BAFR" : "WBRI", Sex = p.Sex is Sex.Female ? Sex.Male : Sex.Female });

        var asOf = new DateOnly(2023, 3, 31);
        foreach (var history in original.Families)
        {
            Assert.Equal(
                FeatureVector.Of(FamilyFactsBuilder.Build(history, asOf)),
                FeatureVector.Of(FamilyFactsBuilder.Build(changed.Find(history.Family.FamilyId)!, asOf)));
        }
    }

    [Theory]
    [InlineData("DomesticAbuseIncidents12m", 3f, "domestic abuse incidents, last 12 months", "3")]
    [InlineData("OpenChildProtectionPlan", 1f, "a child protection plan now", "yes")]
    [InlineData("MotherAge", -1f, "mother's age", "unknown")]
    [InlineData("MotherCareExperienced", 0f, "mother care-experienced", "no")]
    public void Feature_values_read_as_plain_words(string name, float value, string description, string text)
    {
        var feature = FeatureVector.Features.Single(f => f.Name == name);

        Assert.Equal((description, text), (feature.Description, FeatureVector.ValueText(feature, value)));
    }
}
