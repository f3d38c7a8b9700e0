using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// A quota (参保任务数) for one township or village in a campaign. Change it only through <see cref="Change"/>,
/// which keeps who, when and why in <see cref="Changes"/>.
/// </summary>
public class Quota : TenantEntity, IJurisdictionScoped
{
    public long CampaignId { get; set; }

    public long JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public int Target { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>示例: generated for the demo where no document gives the quota; show the label wherever it appears.</summary>
    public bool IsDemo { get; set; }

    /// <summary>The history of this quota (loaded or appended).</summary>
    public List<QuotaChange> Changes { get; } = [];

    /// <summary>Sets the target (the first time too), records the change, and clears <see cref="IsDemo"/>.</summary>
    public QuotaChange Change(int target, long? byUserId, string reason, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var change = new QuotaChange
        {
            TenantId = TenantId,
            PreviousTarget = Id == 0 && Changes.Count == 0 ? null : Target,
            NewTarget = target,
            ChangedByUserId = byUserId,
            ChangedAt = at,
            Reason = reason,
        };
        Changes.Add(change);
        Target = target;
        // A figure a person set is no longer a generated example (示例).
        IsDemo = false;
        UpdatedAt = at;
        return change;
    }

    /// <summary>PostgreSQL's xmin: an optimistic concurrency token, so two people editing at once get a conflict, not a lost update.</summary>
    public uint RowVersion { get; private set; }
}
