using System.Globalization;
using Enrollment.Web.Features.Campaigns.PolicyEdit;

namespace Enrollment.Web.Features.Campaigns.Versions;

/// <summary>
/// A compared setting's value as people read it: amounts in 元, shares in %, codes by their Chinese names, yes/no,
/// and English maintainer notes not shown at all.
/// </summary>
internal static class PolicyValueText
{
    public const string Missing = "（无）";

    public static string Of(string path, string? value)
    {
        if (value is null)
        {
            return Missing;
        }
        var field = LastField(path);
        return field switch
        {
            "individualContribution" or "fiscalSubsidy" when Number(value) is { } yuan => CampaignText.Yuan(yuan),
            "share" or "countyPart" when Number(value) is { } share => CampaignText.Percent(share),
            "funding" => CampaignText.Funding(value),
            "mode" => CampaignText.Mode(value),
            "amount" => CampaignText.Amount(value),
            "basis" => CampaignText.Category(value),
            "start" => PolicyLabels.CoverageStarts.FirstOrDefault(s => s.Value == value).Text ?? value,
            "history" => value.Length == 0 ? "不限" : string.Join("、", value.Split(',').Select(CampaignText.History)),
            "missingDateEligible" => value == "true" ? "是" : "否",
            "months" => $"{value} 个月",
            "days" => $"{value} 日",
            "order" => $"第 {value} 条",
            _ when path.Contains(".modeByTownship.", StringComparison.Ordinal) => CampaignText.Mode(value),
            _ when PolicyNotes.IsForMaintainers(value) => "（英文技术备注，不显示）",
            _ => value,
        };
    }

    private static string LastField(string path)
    {
        var dot = path.LastIndexOf('.');
        var last = dot < 0 ? path : path[(dot + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? last : last[..bracket];
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
