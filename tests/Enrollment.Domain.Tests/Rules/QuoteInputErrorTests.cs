using Enrollment.Domain.Errors;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;
using Enrollment.Domain.Tests.Campaigns;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Rules;

/// <summary>The input errors of docs/rules.md §3, §4 and §7.2 that are not about the ID number.</summary>
public class QuoteInputErrorTests
{
    [Theory]
    [InlineData(BasisCode.Age70Plus)]
    [InlineData(BasisCode.Age60To69)]
    public void Age_codes_cannot_be_certified(BasisCode code)
    {
        var set = default(CertifiedCategories);
        set.TryAdd(code, null, out var error).ShouldBeFalse();
        error.Code.ShouldBe(DomainErrorCode.CategoryDerivedFromAge);
        error.ToEnglish().ShouldContain(code.ToCode());
        set.IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData("poverty", true)]
    [InlineData("age_70_plus", true)]
    [InlineData("Poverty", false)]
    [InlineData("homeless", false)]
    [InlineData("", false)]
    public void Only_the_listed_basis_codes_parse(string code, bool known) => BasisCodes.TryParse(code, out _).ShouldBe(known);

    [Fact]
    public void A_repeated_category_keeps_its_earliest_first_certified_date()
    {
        var set = Cat(BasisCode.FamilyPlanning, "2017-01-01").With(BasisCode.FamilyPlanning, D("2015-06-01")).With(BasisCode.FamilyPlanning);
        set.TryGetFirstCertified(BasisCode.FamilyPlanning, out var date).ShouldBeTrue();
        date.ShouldBe(D("2015-06-01"));
    }

    [Theory]
    [InlineData(EnrollmentHistory.Continuing, 1, "参保历史为“连续参保”时中断年数应为0，实际为1")]
    [InlineData(EnrollmentHistory.FirstTime, 2, "参保历史为“首次参保”时中断年数应为0，实际为2")]
    [InlineData(EnrollmentHistory.Interrupted, 0, "中断后续保时中断年数应不少于1年，实际为0")]
    public void History_and_gap_must_agree_said_with_the_names_users_read(EnrollmentHistory history, int gap, string chinese)
    {
        var quote = CampaignCase.Policy("tengzhou-2025").Quote(Request("1980-01-01", "2024-11-01", history: history, gap: gap));
        quote.Error.Code.ShouldBe(DomainErrorCode.HistoryGapInconsistent);
        quote.Error.ToChinese().ShouldBe(chinese);
    }

    [Fact]
    public void Birth_after_payment_is_an_error_of_the_quote()
    {
        var quote = CampaignCase.Policy("pubei-2020").Quote(Request("2020-03-02", "2020-03-01"));
        quote.Error.Code.ShouldBe(DomainErrorCode.BirthAfterPayment);
        quote.Error.ToChinese().ShouldBe("出生日期 2020-03-02 晚于缴费日期 2020-03-01");
    }

    [Fact]
    public void Payment_outside_the_year_says_so_in_chinese()
    {
        var quote = CampaignCase.Policy("baogou-2022").Quote(Request("1980-01-01", "2023-01-01"));
        quote.Error.ToChinese().ShouldBe("缴费日期 2023-01-01 晚于本年度最后一天 2022-12-31，不属于本年度征缴期");
    }

    [Fact]
    public void A_default_request_is_rejected_not_quoted()
    {
        var quote = CampaignCase.Policy("baogou-2022").Quote(default(QuoteRequest));
        quote.Error.Code.ShouldBe(DomainErrorCode.IdEmpty);
    }

    [Fact]
    public void Every_error_code_renders_in_both_languages()
    {
        foreach (var code in Enum.GetValues<DomainErrorCode>())
        {
            var error = new DomainError { Code = code, Number = 3, Number2 = 230, Char1 = 'X', Char2 = '1', Text = "t" };
            error.ToChinese().ShouldNotBeNullOrWhiteSpace();
            error.ToEnglish().ShouldNotBeNullOrWhiteSpace();
        }

        CitizenId.TryParse("abc", out _, out var e).ShouldBeFalse();
        e.ToChinese().ShouldBe("身份证号码应为18位（或15位旧号码），实际为3位");
    }
}
