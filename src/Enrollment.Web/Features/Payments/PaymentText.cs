using System.Globalization;
using Enrollment.Data.Entities;
using Enrollment.Data.Payments;

namespace Enrollment.Web.Features.Payments;

/// <summary>The payment pages' Chinese labels and refusals, one place for the pages, the commands and the tests.</summary>
internal static class PaymentText
{
    public static string Of(DueStanding standing) => standing switch
    {
        DueStanding.NotEnrolled => "未登记参保",
        DueStanding.Excluded => "不参保（已排除）",
        DueStanding.Unpaid => "未缴费",
        DueStanding.Unconfirmed => "待确认",
        DueStanding.Paid => "已缴费",
        DueStanding.GovernmentPaid => "政府代缴",
        DueStanding.Cancelled => "已注销",
    };

    public static string Of(PaymentState state) => state switch
    {
        PaymentState.Unconfirmed => "待确认",
        PaymentState.Confirmed => "已确认",
        PaymentState.Reversed => "已冲正",
        PaymentState.RefundDue => "重复缴费待退费",
        PaymentState.Refunded => "已退费",
    };

    public static MudBlazor.Color ColorOf(PaymentState state) => state switch
    {
        PaymentState.Confirmed => MudBlazor.Color.Success,
        PaymentState.Unconfirmed => MudBlazor.Color.Warning,
        PaymentState.RefundDue => MudBlazor.Color.Error,
        PaymentState.Reversed or PaymentState.Refunded => MudBlazor.Color.Default,
    };

    public static string Outcome(PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Recorded => "已登记缴费（待确认）。",
        PaymentOutcome.Matched => "已与税务缴费记录核对一致，已确认。",
        PaymentOutcome.RefundDue => "已有缴费，本笔记为重复缴费待退费。",
    };

    public static string Refusal(DeskRefusal refusal, PaymentState? state) => refusal switch
    {
        DeskRefusal.NotFound => NotFound,
        DeskRefusal.OwnEntry => "不能确认本人登记的缴费：请由其他经办人员确认。",
        DeskRefusal.Claimed => "该笔缴费已纳入已开具的补助申报批次，须由县医保局冲正。",
        DeskRefusal.WrongState => state is { } s ? $"该笔缴费当前状态为“{Of(s)}”，不能进行此操作。" : NotFound,
    };

    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public const string NotFound = "找不到该笔缴费（可能不在您的辖区内），请刷新页面。";
    public const string NothingToPay = "该人员本期没有需要缴纳的费用。";
    public const string ChooseChannel = "请从列表中选择缴费渠道。";
    public const string ChooseDate = "请填写缴费日期。";
    public const string ReferenceUsed = "该票据号/交易流水号已登记过本人的缴费，请核对后重新输入。";
    public const string ReasonLabel = "冲正原因";

    public static string FutureDate(DateOnly today) => $"缴费日期不能晚于今天（{Day(today)}）。";

    public static string BeforeWindow(DateOnly first) => $"本期征缴自 {Day(first)} 起开始收费，缴费日期不能早于该日。";

    public static string AfterPolicyYear(DateOnly last) => $"缴费日期不能晚于本年度最后一天（{Day(last)}）。";

    public static string WrongAmount(decimal due, DateOnly paidOn) => $"金额应为 {Money(due)} 元（按缴费日期 {Day(paidOn)} 计算）。";

    public static string NoLongerRegistered(string name) => $"{name}的参保登记已注销或不存在，本次缴费未登记（全户均未登记），请刷新页面后重试。";
}
