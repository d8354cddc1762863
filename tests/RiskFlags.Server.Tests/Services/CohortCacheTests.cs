using Microsoft.Extensions.DependencyInjection;
using RiskFlags.Server.Services;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>D19: the cohort cache holds a few dates at most, and callers asking about one date at once assess it once.</summary>
[Trait("Finding", "D19")]
public sealed class CohortCacheTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Asking_about_many_dates_keeps_at_most_three_cohorts_in_memory()
    {
        await using var server = new ServerFactory { DemoFamilies = 80 };
        var referrals = server.Referrals(Keys.Mash);

        foreach (var year in Enumerable.Range(2019, 6))
        {
            await referrals.ListFlaggedCohortAsync(new ListFlaggedCohortRequest { AsOf = $"{year}-03-31", PageSize = 1 }, cancellationToken: Cancel);
        }

        var cache = server.Services.GetRequiredService<CohortCache>();
        Assert.InRange(cache.Count, 1, CohortCache.MaximumEntries);
        Assert.Equal(6, cache.Loads);
    }

    [Fact]
    public async Task Callers_asking_about_one_date_at_once_share_one_assessment()
    {
        await using var server = new ServerFactory { DemoFamilies = 80 };
        var referrals = server.Referrals(Keys.Mash);
        var cache = server.Services.GetRequiredService<CohortCache>();
        var before = cache.Loads;

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => referrals.ListFlaggedCohortAsync(new ListFlaggedCohortRequest { AsOf = "2022-03-31", PageSize = 3 }, cancellationToken: Cancel).ResponseAsync));

        Assert.Equal(before + 1, cache.Loads);
        Assert.Single(pages.Select(p => string.Join(",", p.Families.Select(f => f.FamilyId))).Distinct());
    }
}
