using System.Globalization;
using System.Text;

namespace Enrollment.Domain.Rules;

/// <summary>
/// Renders an <see cref="Explanation"/> as text, e.g.
/// 个人缴费标准 400.00 元；符合「70岁以上老年人」，市财政全额代缴 400.00 元；集中征缴期内缴费，2025-01-01 起享受待遇.
/// Rendering allocates; quoting does not.
/// </summary>
public static class ExplanationText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The quote's reasons in Chinese, or its error in Chinese.</summary>
    public static string ToChinese(in Quote quote, CompiledPolicy policy) =>
        quote.IsSuccess ? ToChinese(quote.Explanation, policy) : quote.Error.ToChinese();

    /// <summary>The quote's reasons in English, or its error in English.</summary>
    public static string ToEnglish(in Quote quote, CompiledPolicy policy) =>
        quote.IsSuccess ? ToEnglish(quote.Explanation, policy) : quote.Error.ToEnglish();

    public static string ToChinese(in Explanation explanation, CompiledPolicy policy)
    {
        var text = new StringBuilder();
        foreach (var reason in explanation.AsSpan())
        {
            if (text.Length > 0)
            {
                text.Append('；');
            }

            text.Append(Chinese(reason, policy));
        }

        return text.ToString();
    }

    public static string ToEnglish(in Explanation explanation, CompiledPolicy policy)
    {
        var text = new StringBuilder();
        foreach (var reason in explanation.AsSpan())
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(English(reason, policy));
        }

        return text.ToString();
    }

    public static string Chinese(in Reason reason, CompiledPolicy policy) => reason.Code switch
    {
        ReasonCode.None => string.Empty,
        ReasonCode.IndividualContribution => $"个人缴费标准 {M(reason.Amount)} 元",
        ReasonCode.FullCost =>
            $"需全额缴纳个人缴费 {M(reason.Amount)} 元与财政补助 {M(reason.Amount2)} 元之和共 {M(reason.Amount + reason.Amount2)} 元，不享受资助",
        ReasonCode.SubsidyGranted => $"符合「{Subsidy(policy, reason).Label}」，{ChineseGrant(reason, Subsidy(policy, reason), policy.Levels)}",
        ReasonCode.SubsidyCertifiedOutsideCutoff => ChineseCutoff(reason, Subsidy(policy, reason)),
        ReasonCode.SubsidyCertificationDateMissing =>
            $"「{Subsidy(policy, reason).Label}」未提供首次认定日期，须在 {Need(Subsidy(policy, reason))}首次认定方可资助，本次不予资助",
        ReasonCode.SubsidyShareUnset => $"符合「{Subsidy(policy, reason).Label}」，但资助比例未规定，暂不资助",
        ReasonCode.SubsidyNotAppliedFullCost => $"虽符合「{Subsidy(policy, reason).Label}」，全额缴费不享受资助",
        ReasonCode.CoverageFrom => $"{Timing(policy, reason).Label}，{D(reason.Date)} 起享受待遇",
    };

    public static string English(in Reason reason, CompiledPolicy policy) => reason.Code switch
    {
        ReasonCode.None => string.Empty,
        ReasonCode.IndividualContribution => $"individual contribution {M(reason.Amount)} yuan",
        ReasonCode.FullCost =>
            $"full cost due: individual {M(reason.Amount)} + fiscal subsidy {M(reason.Amount2)} = {M(reason.Amount + reason.Amount2)} yuan, no subsidy",
        ReasonCode.SubsidyGranted =>
            $"subsidy '{Subsidy(policy, reason).Basis.ToCode()}' (rule {reason.Rule}): {M(reason.Amount)} yuan, county {M(reason.Amount2)}, township {M(reason.Amount - reason.Amount2)}, {(reason.Mode == SubsidyMode.Direct ? "paid directly" : "refunded after payment")}",
        ReasonCode.SubsidyCertifiedOutsideCutoff =>
            $"subsidy '{Subsidy(policy, reason).Basis.ToCode()}' (rule {reason.Rule}) not eligible: first certified {D(reason.Date)}, cut-off {(Subsidy(policy, reason).Cutoff!.Value.Kind == CutoffKind.Before ? "before" : "on or after")} {D(Subsidy(policy, reason).Cutoff!.Value.Date)}",
        ReasonCode.SubsidyCertificationDateMissing =>
            $"subsidy '{Subsidy(policy, reason).Basis.ToCode()}' (rule {reason.Rule}) not eligible: no first-certified date given",
        ReasonCode.SubsidyShareUnset =>
            $"subsidy '{Subsidy(policy, reason).Basis.ToCode()}' (rule {reason.Rule}) inactive: share not set",
        ReasonCode.SubsidyNotAppliedFullCost =>
            $"subsidy '{Subsidy(policy, reason).Basis.ToCode()}' (rule {reason.Rule}) not applied: full-cost payment",
        ReasonCode.CoverageFrom =>
            $"timing rule {reason.Rule} ({(reason.Late ? "late" : "in window")}): coverage from {D(reason.Date)}",
    };

    private static string ChineseGrant(in Reason reason, SubsidyRule rule, FiscalLevelNames levels)
    {
        var county = reason.Amount2;
        var township = reason.Amount - reason.Amount2;
        var payer = township == 0m ? levels.County
            : county == 0m ? levels.Township
            : $"{levels.County}承担 {M(county)} 元、{levels.Township}承担 {M(township)} 元，合计";
        var fullShare = rule.Share == 1m;
        return reason.Mode switch
        {
            SubsidyMode.Direct when fullShare && (township == 0m || county == 0m) => $"{payer}全额代缴 {M(reason.Amount)} 元",
            SubsidyMode.Direct when township == 0m || county == 0m =>
                $"{payer}代缴 {P(rule.Share)} 即 {M(reason.Amount)} 元",
            SubsidyMode.Direct => $"{payer}代缴 {M(reason.Amount)} 元",
            SubsidyMode.Reimburse => $"先缴费后补助，{payer}补助 {P(rule.Share)} 即 {M(reason.Amount)} 元",
        };
    }

    private static string ChineseCutoff(in Reason reason, SubsidyRule rule) =>
        $"「{rule.Label}」须在 {Need(rule)}首次认定，实际首次认定日期 {D(reason.Date)}，不符合该项资助";

    private static string Need(SubsidyRule rule) => rule.Cutoff!.Value.Kind == CutoffKind.Before
        ? $"{D(rule.Cutoff.Value.Date)} 前"
        : $"{D(rule.Cutoff.Value.Date)} 及以后";

    private static SubsidyRule Subsidy(CompiledPolicy policy, in Reason reason) => policy.Subsidies[reason.Rule];

    private static TimingRule Timing(CompiledPolicy policy, in Reason reason) => policy.Timing[reason.Rule];

    private static string M(decimal yuan) => yuan.ToString("F2", Inv);

    private static string P(decimal? share) => ((share ?? 0m) * 100m).ToString("0.##", Inv) + "%";

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);
}
