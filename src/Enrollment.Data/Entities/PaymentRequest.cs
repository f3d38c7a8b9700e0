namespace Enrollment.Data.Entities;

/// <summary>
/// The first payments-API request under one idempotency key (channel, reference, resident) and the answer it got,
/// so a repeat answers the same, even after the payment was reversed or the campaign closed. Written only by the
/// database's <c>payment_record</c>.
/// </summary>
public class PaymentRequest : TenantEntity
{
    public string ChannelCode { get; set; } = "";

    public string Reference { get; set; } = "";

    public long ResidentId { get; set; }

    public long CampaignId { get; set; }

    /// <summary>The name as sent, trimmed and NFKC-normalised.</summary>
    public string Name { get; set; } = "";

    public decimal Amount { get; set; }

    public DateOnly PaidOn { get; set; }

    public long? PaymentId { get; set; }

    /// <summary><c>recorded</c>, <c>matched</c> or <c>refund_due</c>.</summary>
    public string? Outcome { get; set; }

    public decimal? Payable { get; set; }

    public DateOnly? CoverageStart { get; set; }

    public bool? Late { get; set; }

    public long? ApiKeyId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
