using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// A payment for an enrollment, or the reversal of one (negative amount, <see cref="ReversalOfId"/> set; a
/// payment is reversed at most once). Confirmation (到账确认) is recorded separately from recording.
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

    /// <summary>The channel's transaction reference (unique per channel when given).</summary>
    public string? Reference { get; set; }

    public long? RecordedByUserId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public long? ConfirmedByUserId { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public long? ReversalOfId { get; set; }

    /// <summary>PostgreSQL's xmin: an optimistic concurrency token, so two people editing at once get a conflict, not a lost update.</summary>
    public uint RowVersion { get; private set; }
}
