using Enrollment.Cli.Generate;
using Enrollment.Cli.Seed;

namespace Enrollment.Cli.Tests.Generate;

public sealed class CountyLayoutTests
{
    [Fact]
    public void Townships_and_quota_tables_are_those_of_the_documents()
    {
        JurisdictionCatalog.Get("tengzhou").Townships.Count.ShouldBe(21);
        JurisdictionCatalog.Get("tengzhou").QuotaTables.Single().Rows.Sum(r => r.Quota).ShouldBe(1_416_510);
        JurisdictionCatalog.Get("pubei").Townships.Count.ShouldBe(17);
        JurisdictionCatalog.Get("pubei").QuotaTables.Single().Rows.Sum(r => r.Quota).ShouldBe(825_000);
        JurisdictionCatalog.Get("qufu").Townships.Single().Groupings!.Count.ShouldBe(5);
    }

    [Fact]
    public void Villages_are_stable_unique_per_township_and_weighted_by_quota()
    {
        var layout = CountyLayout.For("tengzhou");
        CountyLayout.For("tengzhou").Villages.Select(v => v.Name).ShouldBe(layout.Villages.Select(v => v.Name));
        layout.Villages.GroupBy(v => v.TownshipIndex).ShouldAllBe(g => g.Select(v => v.Name).Distinct().Count() == g.Count());
        layout.Villages.Sum(v => v.Weight).ShouldBe(1_416_510, 0.01);
        layout.Villages.ShouldAllBe(v => v.Name.EndsWith('村') || v.Name.EndsWith("社区", StringComparison.Ordinal));
        CountyLayout.For("qufu").Villages.ShouldAllBe(v => v.GroupingIndex != null);
    }

    [Fact]
    public void Residents_spread_over_townships_in_proportion_to_their_quotas()
    {
        var county = SmallCounty.Tengzhou2025;
        var layout = county.Generator.Layout;
        var byTownship = county.Residents.GroupBy(r => layout.Villages[r.VillageIndex].TownshipIndex)
            .ToDictionary(g => g.Key, g => g.Count() / 30_000.0);
        foreach (var township in layout.Townships)
        {
            byTownship.GetValueOrDefault(township.Index).ShouldBe(township.Weight / 1_416_510.0, 0.012, township.Name);
        }
    }
}

public sealed class PriorYearPolicyTests
{
    [Theory]
    [InlineData("tengzhou-2025", "tengzhou-2024")]
    [InlineData("pubei-2020", "pubei-2019")]
    [InlineData("xiaoxue-2020", "xiaoxue-2019")]
    [InlineData("baogou-2022", "baogou-2021")]
    public void The_prior_year_is_the_shipped_policy_a_year_earlier_and_labelled_demo(string campaign, string prior)
    {
        PriorYearPolicy.CodeFor(campaign).ShouldBe(prior);
        var current = Enrollment.Domain.Policies.PolicyCatalog.Compile(campaign);
        var previous = PriorYearPolicy.Compile(campaign);
        previous.CampaignId.ShouldBe(prior);
        previous.PolicyYear.ShouldBe(current.PolicyYear - 1);
        previous.Window.LastDayInclusive.Year.ShouldBe(current.Window.LastDayInclusive.Year - 1);
        PriorYearPolicy.Json(campaign).ShouldContain("示例");
    }
}
