using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>One change of a quota: before, after, who, when, why. Never edited.</summary>
public class QuotaChange : TenantEntity, IJurisdictionScoped
{
    public long QuotaId { get; set; }

    public Quota? Quota { get; set; }

    /// <summary>Null when the quota was first set.</summary>
    public int? PreviousTarget { get; set; }

    public int NewTarget { get; set; }

    public long? ChangedByUserId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string Reason { get; set; } = "";
}
