using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// Money received for an enrollment. Its <see cref="State"/> changes only through <c>PaymentService</c> (the
/// database's payment functions), which keeps the enrollment's payment state in step; a reversal (冲正) is a state
/// with who, when and why, never an edit of the amount or a deletion.
/// </summary>
public class Payment : TenantEntity, IJurisdictionScoped
{
    public long EnrollmentId { get; set; }

    public CampaignEnrollment? Enrollment { get; set; }

    /// <summary>Yuan, numeric(12,2).</summary>
    public decimal Amount { get; set; }

    /// <summary>Code of <see cref="PaymentChannel"/>, e.g. <c>yunongtong</c>.</summary>
    public string ChannelCode { get; set; } = "";

    public DateOnly PaidOn { get; set; }

    /// <summary>The channel's transaction or receipt number (unique per channel and resident when given).</summary>
    public string? Reference { get; set; }

    public long? RecordedByUserId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public long? ConfirmedByUserId { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The payer (the enrollment's resident): the idempotency key is (channel, reference, resident).</summary>
    public long ResidentId { get; set; }

    public PaymentState State { get; set; }

    public DateTimeOffset? ReversedAt { get; set; }

    public long? ReversedByUserId { get; set; }

    public string? ReversalReason { get; set; }

    public DateTimeOffset? RefundedAt { get; set; }

    /// <summary>退费日期: the day the money went back (set with the refund).</summary>
    public DateOnly? RefundedOn { get; set; }

    public long? RefundedByUserId { get; set; }

    /// <summary>审批同意: a refund_due payment's refund approved by the county; a refund needs it.</summary>
    public DateTimeOffset? RefundApprovedAt { get; set; }

    public long? RefundApprovedByUserId { get; set; }

    /// <summary>The received 缴款单 this cash was handed over on; null while its sheet is open.</summary>
    public long? HandoverSheetId { get; set; }

    /// <summary>The tax record's channel that confirmed this hand entry (matched), if one did.</summary>
    public string? ConfirmedChannelCode { get; set; }

    /// <summary>The tax record's reference that confirmed this hand entry (matched), if one did.</summary>
    public string? ConfirmedReference { get; set; }

    /// <summary>When the payment entered a filed subsidy claim batch; once set, only a county user may reverse it.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>PostgreSQL's xmin: an optimistic concurrency token, so two people editing at once get a conflict, not a lost update.</summary>
    public uint RowVersion { get; private set; }
}
