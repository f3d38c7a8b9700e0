using System.Globalization;
using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns;

/// <summary>
/// A timing rule and the collection window as sentences: who it applies to, when they pay, what they pay and when
/// cover starts. An open end is said in words (2024-12-31 前缴费), never as "… 至 …".
/// </summary>
public static class TimingText
{
    public static string Describe(TimingRuleDocument rule)
    {
        var parts = new List<string>();
        if (rule.History is { Count: > 0 } history)
        {
            parts.Add(string.Join("、", history.Select(CampaignText.History)) + "人员");
        }
        if (rule.NewbornWithin is { } newborn)
        {
            parts.Add(newborn switch
            {
                { Months: { } m } => $"新生儿出生后 {m} 个月内缴费",
                { Days: { } d } => $"新生儿出生后 {d} 日内缴费",
                _ => "新生儿",
            });
        }
        parts.Add(Paid(rule.PaidFromInclusive, rule.PaidThroughInclusive));
        parts.Add(rule.Amount == "full_cost" ? "全额缴费（个人缴费标准 + 人均财政补助，不享受资助）" : "按个人缴费标准缴费");
        parts.Add(Coverage(rule.Coverage));
        return string.Join("，", parts);
    }

    /// <summary>集中征缴期 in words: both ends, or only the end when the document names no start.</summary>
    public static string Window(CollectionWindowDocument? window) => (window?.FirstDayInclusive, window?.LastDayInclusive) switch
    {
        ({ } first, { } last) => $"{D(first)} 至 {D(last)}",
        (null, { } last) => $"{D(last)} 前（含）缴费均在征缴期内（政策未规定开始日）",
        ({ } first, null) => $"{D(first)} 起（未规定截止日）",
        (null, null) => "未规定",
    };

    public static string Phase(PhaseDocument phase) =>
        $"{phase.Name}：{(phase.FirstDayInclusive is { } f ? D(f) : "未定")} 至 {(phase.LastDayInclusive is { } l ? D(l) : "未定")}";

    private static string Paid(DateOnly? from, DateOnly? through) => (from, through) switch
    {
        ({ } f, { } t) => $"{D(f)} 至 {D(t)} 缴费",
        ({ } f, null) => $"{D(f)} 起缴费",
        (null, { } t) => $"{D(t)} 前（含）缴费",
        (null, null) => "缴费日期不限",
    };

    private static string Coverage(CoverageDocument? coverage) => coverage switch
    {
        { Start: "policy_year_start" } => "自医保年度开始（1月1日）享受待遇",
        { Start: "days_after_payment", Days: { } d } => $"缴费 {d} 日后享受待遇（缴费日加 {d} 日）",
        { Start: "first_of_month_after_payment", Months: 1 } => "自缴费次月1日起享受待遇",
        { Start: "first_of_month_after_payment", Months: { } m } => $"自缴费后第 {m} 个月的1日起享受待遇",
        { Start: "birth_date" } => "自出生之日起享受待遇",
        { Start: "months_after_payment_plus_gap", Months: { } m } => $"缴费后等待 {m} 个月、每中断参保1年再增加1个月后享受待遇",
        _ => "待遇享受起始未规定",
    };

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
