using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>The Chinese names of the policy document's codes, as the editor's selects offer them.</summary>
internal static class PolicyLabels
{
    public static readonly (string Value, string Text)[] Fundings =
        [("fiscal", "财政资助"), ("medical_assistance", "医疗救助资金资助"), ("special_group", "特殊人群政府代缴")];

    public static readonly (string Value, string Text)[] Modes = [("direct", "代缴"), ("reimburse", "先缴费后补助")];

    public static readonly (string Value, string Text)[] Amounts = [("individual", "按个人缴费标准"), ("full_cost", "全额缴费（个人 + 财政补助，不享受资助）")];

    public static readonly (string Value, string Text)[] CoverageStarts =
    [
        ("policy_year_start", "医保年度开始（1月1日）"),
        ("days_after_payment", "缴费后第 N 天"),
        ("first_of_month_after_payment", "缴费次月起第 N 个月的1日"),
        ("birth_date", "出生之日"),
        ("months_after_payment_plus_gap", "缴费后 N 个月 + 中断年数个月"),
    ];

    public static readonly (string Value, string Text)[] Cutoffs =
        [("", "不限首次认定日期"), ("before", "首次认定早于"), ("onOrAfter", "首次认定不早于")];

    /// <summary>Every basis a rule can name: the categories of docs/rules.md §3 and the two age bands.</summary>
    public static IEnumerable<(string Value, string Text)> Bases =>
        BasisCodes.All.Select(b => (b.ToCode(), b.ChineseName()));
}
