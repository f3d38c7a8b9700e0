using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// 转移申请: a request to move a resident registered elsewhere in the county into a village of the requester's
/// subtree, approved or rejected by the township holding the resident or by the county. Visible to both sides:
/// whoever's subtree contains <see cref="FromVillageId"/> or <see cref="ToVillageId"/> (EnrollmentDbContext.Filters.cs).
/// No navigation properties on purpose: a navigation to the other side's village or to the resident would be
/// cut by their own jurisdiction filters; pages look up what they may show explicitly.
/// </summary>
public class TransferRequest : TenantEntity, IJurisdictionScoped
{
    public long ResidentId { get; set; }

    /// <summary>The village the resident lived in when the request was made (the approving side).</summary>
    public long FromVillageId { get; set; }

    /// <summary>The village in the requester's subtree the resident moves to (the requesting side).</summary>
    public long ToVillageId { get; set; }

    public long? RequestedByUserId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? Reason { get; set; }

    public TransferStatus Status { get; set; }

    /// <summary>Who closed the request: approved, rejected, withdrew it, or found it had lapsed.</summary>
    public long? DecidedByUserId { get; set; }

    /// <summary>When it stopped being pending (set exactly then, a database CHECK holds it).</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>A rejection's reason, or why the request lapsed.</summary>
    public string? DecisionNote { get; set; }

    /// <summary>
    /// PostgreSQL's xmin: an optimistic concurrency token, so a request withdrawn or decided by someone else between
    /// rendering and posting is not decided a second time on what the first person saw.
    /// </summary>
    public uint RowVersion { get; private set; }
}

/// <summary>State of a <see cref="TransferRequest"/>.</summary>
public enum TransferStatus
{
    Pending,
    Approved,
    Rejected,

    /// <summary>撤回: withdrawn by the requester or their township before a decision.</summary>
    Cancelled,

    /// <summary>已失效: the resident no longer lived where the request said when someone tried to approve it.</summary>
    Superseded,
}
