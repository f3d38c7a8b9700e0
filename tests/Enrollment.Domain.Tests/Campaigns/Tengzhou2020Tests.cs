using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Campaigns;

/// <summary>tengzhou-2020: 260 yuan, window ends 2019-12-20 (no start), late = full cost + 30 days.</summary>
public class Tengzhou2020Tests
{
    private const string Id = "tengzhou-2020";

    [Theory]
    // Window: no start date, last day 2019-12-20 inclusive; late pays 260 + 550 with no subsidy.
    [InlineData("1980-05-05 | | continuing 0 | 2015-01-01 => 260.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | continuing 0 | 2019-12-20 => 260.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | continuing 0 | 2019-12-21 => 810.00 0.00 - 0.00 0.00 - 2020-01-20 true")]
    [InlineData("1980-05-05 | | interrupted 3 | 2020-01-10 => 810.00 0.00 - 0.00 0.00 - 2020-02-09 true")]
    [InlineData("1980-05-05 | | first_time 0 | 2020-02-29 => 810.00 0.00 - 0.00 0.00 - 2020-03-30 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2020-12-31 => 810.00 0.00 - 0.00 0.00 - 2021-01-30 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2021-01-01 => ERROR PaymentAfterPolicyYear")]
    // Age at 2019-12-31: 70 (born 1949-12-31) is 70+, the next day is 69; 60 (1959-12-31) in, 59 out.
    [InlineData("1949-12-31 | | continuing 0 | 2019-12-01 => 0.00 260.00 age_70_plus 260.00 0.00 direct 2020-01-01 false")]
    [InlineData("1950-01-01 | | continuing 0 | 2019-12-01 => 130.00 130.00 age_60_69 130.00 0.00 direct 2020-01-01 false")]
    [InlineData("1959-12-31 | | continuing 0 | 2019-12-01 => 130.00 130.00 age_60_69 130.00 0.00 direct 2020-01-01 false")]
    [InlineData("1960-01-01 | | continuing 0 | 2019-12-01 => 260.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    // Categories, the half-and-half family-planning split, and ties (the rule listed first wins).
    [InlineData("1980-05-05 | poverty | continuing 0 | 2019-12-01 => 0.00 260.00 poverty 260.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | entitled | continuing 0 | 2019-12-01 => 0.00 260.00 entitled 260.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | family_planning | continuing 0 | 2019-12-01 => 0.00 260.00 family_planning 130.00 130.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | tekun;dibao | continuing 0 | 2019-12-01 => 0.00 260.00 dibao 260.00 0.00 direct 2020-01-01 false")]
    [InlineData("1940-05-05 | entitled | continuing 0 | 2019-12-01 => 0.00 260.00 age_70_plus 260.00 0.00 direct 2020-01-01 false")]
    [InlineData("1955-05-05 | family_planning | continuing 0 | 2019-12-01 => 0.00 260.00 family_planning 130.00 130.00 direct 2020-01-01 false")]
    [InlineData("1955-05-05 | severe_disability | continuing 0 | 2019-12-01 => 0.00 260.00 severe_disability 260.00 0.00 direct 2020-01-01 false")]
    // A known code the campaign does not subsidise is simply not subsidised.
    [InlineData("1980-05-05 | wubao;orphan | continuing 0 | 2019-12-01 => 260.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    // Late: full cost, no subsidy whatever the category; newborns have no rule of their own here.
    [InlineData("1940-05-05 | dibao | continuing 0 | 2019-12-21 => 810.00 0.00 - 0.00 0.00 - 2020-01-20 true")]
    [InlineData("2020-03-01 | | first_time 0 | 2020-03-05 => 810.00 0.00 - 0.00 0.00 - 2020-04-04 true")]
    [InlineData("2020-03-06 | | first_time 0 | 2020-03-05 => ERROR BirthAfterPayment")]
    public void Quotes(string row) => CampaignCase.Run(Id, row);

    [Fact]
    public void A_township_that_chose_pay_first_gets_reimburse_mode()
    {
        var document = PolicyJson.TryDeserialize(PolicyCatalog.GetJson(Id)!, out var d, out _) ? d! : throw new InvalidOperationException();
        document.Subsidies!.ForEach(s => s.ModeByTownship = new() { ["荆河街道"] = "reimburse" });
        var policy = PolicyCompiler.Compile(document);
        var township = policy.ResolveTownship("荆河街道");
        township.ShouldBe(0);
        policy.ResolveTownship("龙阳镇").ShouldBe(TownshipRef.None);

        var there = policy.Quote(Request("1980-05-05", "2019-12-01", Cats(BasisCode.Dibao), township: township));
        there.Mode.ShouldBe(SubsidyMode.Reimburse);
        there.Payable.ShouldBe(260m);
        there.Subsidy.ShouldBe(260m);

        var elsewhere = policy.Quote(Request("1980-05-05", "2019-12-01", Cats(BasisCode.Dibao)));
        elsewhere.Mode.ShouldBe(SubsidyMode.Direct);
        elsewhere.Payable.ShouldBe(0m);
    }
}
