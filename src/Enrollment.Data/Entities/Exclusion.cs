using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>Why a resident is not enrolled in a campaign (e.g. 现役军人, 职工医保, 拒绝参保), with its evidence.</summary>
public class Exclusion : TenantEntity, IJurisdictionScoped
{
    public long CampaignId { get; set; }

    public long ResidentId { get; set; }

    public Resident? Resident { get; set; }

    /// <summary>Code of <see cref="ExclusionReason"/>.</summary>
    public string ReasonCode { get; set; } = "";

    public string? Note { get; set; }

    /// <summary>What proves it (a document reference or description).</summary>
    public string? Evidence { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public long? RecordedByUserId { get; set; }

    public long? VerifiedByUserId { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }
}
