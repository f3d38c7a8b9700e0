using System.Globalization;
using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.Campaigns;

/// <summary>The Chinese words the campaign pages use for codes, categories and times: one name for each thing.</summary>
public static class CampaignText
{
    /// <summary>
    /// A subsidy rule's category as the rules engine names it (<see cref="BasisCodes"/>), followed by the rule's own
    /// wording where the policy gives a different one: 城乡最低生活保障对象（低保对象）.
    /// </summary>
    public static string Category(string? basis, string? label = null)
    {
        var name = BasisCodes.TryParse(basis, out var code) ? code.ChineseName() : string.IsNullOrWhiteSpace(basis) ? "（未选择资助对象）" : basis;
        return string.IsNullOrWhiteSpace(label) || label.Trim() == name ? name : $"{name}（{label.Trim()}）";
    }

    public static string Funding(string? code) => Name(PolicyEdit.PolicyLabels.Fundings, code);

    public static string Mode(string? code) => Name(PolicyEdit.PolicyLabels.Modes, code);

    public static string Amount(string? code) => Name(PolicyEdit.PolicyLabels.Amounts, code);

    public static string History(string? code) => code switch
    {
        "continuing" => EnrollmentHistory.Continuing.ChineseName(),
        "first_time" => EnrollmentHistory.FirstTime.ChineseName(),
        "interrupted" => EnrollmentHistory.Interrupted.ChineseName(),
        _ => $"（无效的参保情况：{code}）",
    };

    /// <summary>A time as the county office reads it: the app clock's zone (China Standard Time), to the minute.</summary>
    public static string Minute(DateTimeOffset at, TimeProvider clock) =>
        TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A share as people write it: 0.5 → 50%.</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Yuan(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture) + " 元";

    /// <summary>A code the selects offer, by its Chinese text; an unknown stored code is shown as stored, so it can be found.</summary>
    private static string Name((string Value, string Text)[] names, string? code) =>
        names.FirstOrDefault(n => n.Value == code).Text ?? $"（无效：{code}）";
}
