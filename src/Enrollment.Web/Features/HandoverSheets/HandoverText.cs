using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>Chinese text of the hand-over sheet pages.</summary>
internal static class HandoverText
{
    public static string StateName(HandoverState state) => state switch
    {
        HandoverState.Open => "未收讫",
        HandoverState.Received => "已收讫",
    };

    public static string Title(HandoverSheetKey key) =>
        $"缴款单 {key.CollectedOn:yyyy-MM-dd}" + (key.Number > 1 ? $"（第 {key.Number} 张）" : "");

    /// <summary>A line's state as printed: reversed cash is struck out and not counted.</summary>
    public static string LineState(PaymentState state) => state switch
    {
        PaymentState.Confirmed => "已到账",
        PaymentState.Unconfirmed => "待确认",
        PaymentState.Reversed => "已冲正（不计入）",
        PaymentState.RefundDue => "重复缴费待退费",
        PaymentState.Refunded => "已退费",
    };

    public static string Outcome(HandoverOutcome outcome) => outcome switch
    {
        HandoverOutcome.Received => "已确认收讫，缴款单已冻结；此后该征缴员当天再收的现金将列入新的缴款单。",
        HandoverOutcome.AlreadyReceived => "该缴款单已由他人确认收讫，未作更改。",
        HandoverOutcome.Changed => "缴款单内容在您查看后有变化（新增或冲正了缴费），未确认收讫。请核对最新内容后再确认。",
        HandoverOutcome.OwnSheet => "不能确认自己收取的现金，请由本镇（街）其他经办人确认收讫。",
        HandoverOutcome.NotFound => "找不到该缴款单，或您无权确认。",
    };
}
