namespace Enrollment.Web.Features.Refunds;

/// <summary>Where a double payment's refund stands: 待审批, 已审批待退费, 已退费.</summary>
public enum RefundState
{
    Due,
    Approved,
    Refunded,
}

/// <summary>The filters above the refund list.</summary>
public sealed record RefundFilter(long? TownshipId = null, RefundState? State = null);

/// <summary>One double payment to give back (重复缴费), with who approved and who recorded the refund.</summary>
public sealed record RefundRow(
    long PaymentId, string Township, string Village, string Name, string MaskedCitizenId, decimal Amount, string Channel,
    string? Reference, DateOnly PaidOn, RefundState State, DateTimeOffset? ApprovedAt, string? ApprovedBy,
    DateOnly? RefundedOn, DateTimeOffset? RefundedAt, string? RefundedBy, bool CanApprove, bool CanRefund);

/// <summary>What an approval or a refund did.</summary>
public enum RefundOutcome
{
    Approved,
    Refunded,
    /// <summary>A refund before the county approved it.</summary>
    NotApproved,
    /// <summary>Approved already, refunded already, reversed, or counting now: nothing to do.</summary>
    NotRefundable,
    DateMissing,
    DateInFuture,
    /// <summary>A refund dated before the money was paid.</summary>
    DateBeforePayment,
    NotFound,
}

/// <summary>Chinese text of the refund pages.</summary>
internal static class RefundText
{
    public static string StateName(RefundState state) => state switch
    {
        RefundState.Due => "待审批",
        RefundState.Approved => "已审批，待退费",
        RefundState.Refunded => "已退费",
    };

    public static string Outcome(RefundOutcome outcome) => outcome switch
    {
        RefundOutcome.Approved => "已审批同意退费。款项退还后，请登记退费日期。",
        RefundOutcome.Refunded => "已登记退费，该笔缴费不再计入任何统计。",
        RefundOutcome.NotApproved => "该笔退费尚未审批同意，不能登记退费。请先审批。",
        RefundOutcome.NotRefundable => "该笔缴费已审批、已退费或已冲正，未作更改。请查看列表中的最新状态。",
        RefundOutcome.DateMissing => "请填写退费日期（款项退还给缴费人的日期）。",
        RefundOutcome.DateInFuture => "退费日期不能晚于今天。",
        RefundOutcome.DateBeforePayment => "退费日期不能早于该笔缴费的缴费日期。",
        RefundOutcome.NotFound => "找不到该笔待退费的缴费，或您无权处理。",
    };
}
