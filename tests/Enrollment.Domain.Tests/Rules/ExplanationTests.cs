using Enrollment.Domain.Rules;
using Enrollment.Domain.Tests.Campaigns;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Rules;

public class ExplanationTests
{
    private static string Chinese(string campaign, QuoteRequest request)
    {
        var policy = CampaignCase.Policy(campaign);
        return ExplanationText.ToChinese(policy.Quote(request), policy);
    }

    /// <summary>The example printed in docs/rules.md §13, word for word.</summary>
    [Fact]
    public void Renders_the_documented_example_exactly()
    {
        Chinese("tengzhou-2025", Request("1950-07-01", "2024-11-05"))
            .ShouldBe("个人缴费标准 400.00 元；符合「70岁以上老年人」，市财政全额代缴 400.00 元；集中征缴期内缴费，2025-01-01 起享受待遇");
    }

    [Fact]
    public void Renders_half_shares_splits_and_reimbursement()
    {
        Chinese("tengzhou-2025", Request("1963-07-01", "2024-11-05"))
            .ShouldBe("个人缴费标准 400.00 元；符合「60—69岁老年人」，市财政代缴 50% 即 200.00 元；集中征缴期内缴费，2025-01-01 起享受待遇");
        Chinese("tengzhou-2025", Request("1979-09-09", "2024-12-02", Cats(BasisCode.FamilyPlanning)))
            .ShouldContain("市财政承担 200.00 元、镇街财政承担 200.00 元，合计代缴 400.00 元");
        Chinese("pubei-2020", Request("1979-09-09", "2019-11-05", Cats(BasisCode.PovertyAlleviated2016To2017)))
            .ShouldContain("符合「2016、2017年脱贫户」，先缴费后补助，县财政补助 60% 即 150.00 元");
    }

    [Fact]
    public void Says_why_a_certification_does_not_count()
    {
        Chinese("xiaoxue-2020", Request("1968-05-06", "2019-12-03", Cat(BasisCode.FamilyPlanning, "2018-03-01")))
            .ShouldBe("个人缴费标准 250.00 元；「2016年1月22日前确定的农村独女户及双女户父母」须在 2016-01-22 前首次认定，实际首次认定日期 2018-03-01，不符合该项资助；集中征缴期内缴费，2020-01-01 起享受待遇");
        Chinese("xiaoxue-2020", Request("1968-05-06", "2019-12-03", Cat(BasisCode.FamilyPlanning, null)))
            .ShouldContain("未提供首次认定日期");
    }

    [Fact]
    public void Says_a_share_is_unset_and_a_full_cost_payment_gets_no_subsidy()
    {
        Chinese("pubei-2020", Request("1979-09-09", "2019-11-05", Cats(BasisCode.Dibao)))
            .ShouldContain("符合「低保中非建档立卡贫困户人员」，但资助比例未规定，暂不资助");
        Chinese("baogou-2022", Request("1983-05-06", "2022-02-14", Cats(BasisCode.Dibao)))
            .ShouldBe("需全额缴纳个人缴费 320.00 元与财政补助 580.00 元之和共 900.00 元，不享受资助；虽符合「低保对象」，全额缴费不享受资助；未在集中征缴期缴费，全额缴纳900元，缴费30日后，2022-03-16 起享受待遇");
    }

    [Fact]
    public void Errors_render_in_both_languages()
    {
        var policy = CampaignCase.Policy("tengzhou-2025");
        var quote = policy.Quote(Request("1983-05-06", "2024-09-30"));
        ExplanationText.ToChinese(quote, policy).ShouldBe("缴费日期 2024-09-30 早于集中征缴期开始日 2024-10-01，不属于本年度征缴期");
        ExplanationText.ToEnglish(quote, policy).ShouldBe("payment date 2024-09-30 is before the collection window opens on 2024-10-01: not in this year's collection period");
    }

    [Fact]
    public void Reasons_are_codes_with_arguments()
    {
        var quote = CampaignCase.Policy("tengzhou-2025").Quote(Request("1950-07-01", "2025-02-10"));
        var reasons = quote.Explanation.AsSpan().ToArray();
        reasons.Select(r => r.Code).ShouldBe([ReasonCode.IndividualContribution, ReasonCode.SubsidyGranted, ReasonCode.CoverageFrom]);
        reasons[0].Amount.ShouldBe(400m);
        reasons[1].Amount.ShouldBe(400m);
        reasons[1].Rule.ShouldBe((short)9);
        reasons[2].Date.ShouldBe(D("2025-05-10"));
        reasons[2].Late.ShouldBeTrue();
    }
}
