namespace Enrollment.Web.Features.GovernmentPayments;

/// <summary>A campaign the government's payment can be recorded for.</summary>
public sealed record GovernmentCampaign(string Code, string Name);

/// <summary>How many unpaid enrollments of the campaign a subsidy pays in full, and what the government pays for them.</summary>
public sealed record GovernmentPreview(string Code, string Name, int Count, decimal Amount, bool Open);

/// <summary>The payments written (0 when every such enrollment was paid already), or why nothing was written.</summary>
public sealed record GovernmentAnswer(int Written, string? Problem);

/// <summary>Chinese text of the government payment page.</summary>
internal static class GovernmentText
{
    public const string UnknownCampaign = "找不到该征缴活动，请从列表中选择。";
    public const string NotOpen = "只能为征缴中或已截止的征缴活动记录政府代缴。";
    public const string NoPolicy = "该征缴活动没有可用的政策，无法计算应缴金额，未记录政府代缴。";
    public const string DateMissing = "请填写代缴日期。";
    public const string DateInFuture = "代缴日期不能晚于今天。";

    public static string DateTooEarly(DateOnly earliest) =>
        $"代缴日期不能早于本期征缴开始日期（{earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}）。";

    public static string Written(int count) => count == 0
        ? "没有需要记录政府代缴的人员（此前已全部记录），本次未写入任何记录。"
        : $"已为 {count} 人记录政府代缴，计为已缴费。";
}
