using System.Globalization;
using Enrollment.Domain.Rules;

namespace Enrollment.Data.Payments;

/// <summary>The 422 answers of the payments API, in Chinese for people and a stable code for machines.</summary>
internal static class ApiChecks
{
    public static ApiProblem UnknownCampaign(string code) =>
        ApiProblem.Unprocessable("unknown_campaign", "征缴活动不存在", $"没有代码为“{code}”的征缴活动。");

    public static ApiProblem NotCollecting(string code) =>
        ApiProblem.Unprocessable("campaign_not_collecting", "征缴活动未在征缴中", $"征缴活动“{code}”当前不在征缴中，不能缴费。");

    public static ApiProblem UnknownChannel(string channel) =>
        ApiProblem.Unprocessable(Imports.Payments.PaymentImportCodes.UnknownChannel, "缴费渠道不支持", $"不支持的缴费渠道“{channel}”。");

    public static ApiProblem InvalidId(string reason) =>
        ApiProblem.Unprocessable("invalid_id_number", "身份证号码无效", reason + "。");

    public static ApiProblem NotRegistered() =>
        ApiProblem.Unprocessable("not_registered", "未登记参保", "本县没有此人，或此人未在该征缴活动中登记参保。");

    public static ApiProblem NameMismatch() =>
        ApiProblem.Unprocessable("name_mismatch", "姓名不符", "姓名与登记的不一致。");

    public static ApiProblem OutsideCollection(DateOnly paidOn, DateOnly today, CompiledPolicy policy) =>
        ApiProblem.Unprocessable("outside_collection", "缴费日期不在征缴范围内",
            paidOn > today
                ? $"缴费日期 {Day(paidOn)} 晚于今天（{Day(today)}）。"
                : $"缴费日期 {Day(paidOn)} 不在本年度可缴费的日期内（{(policy.Window.FirstDayInclusive is { } first ? Day(first) + " 起，" : "")}至 {Day(policy.PolicyYearLastDay)} 止）。");

    public static ApiProblem GovernmentPaid() =>
        ApiProblem.Unprocessable("government_paid", "由政府代缴", "此人的个人缴费由政府全额代缴，无需缴费。");

    public static ApiProblem AmountMismatch(decimal due, DateOnly paidOn) =>
        ApiProblem.Unprocessable("amount_mismatch", "缴费金额不符", $"{Day(paidOn)} 缴费应缴 {Money(due)} 元。") with { AmountDue = due };

    public static ApiProblem NoPolicy() =>
        ApiProblem.Unprocessable("campaign_not_collecting", "征缴活动未在征缴中", "该征缴活动没有可用的缴费政策，暂不能缴费。");

    public static ApiProblem Unquotable(string reason) =>
        ApiProblem.Unprocessable("outside_collection", "无法核定应缴金额", reason + "。");

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
