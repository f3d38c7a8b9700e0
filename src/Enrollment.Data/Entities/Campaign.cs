namespace Enrollment.Data.Entities;

/// <summary>
/// A collection campaign (征缴工作) for one policy year. Not jurisdiction-scoped: every user of the tenant sees
/// the tenant's campaigns, even one run by a single township (<see cref="JurisdictionId"/>).
/// </summary>
public class Campaign : TenantEntity
{
    /// <summary>Stable id such as <c>tengzhou-2025</c> (docs/rules.md §1.1).</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public int PolicyYear { get; set; }

    /// <summary>The area the campaign covers; null = the whole tenant.</summary>
    public long? JurisdictionId { get; set; }

    public CampaignStatus Status { get; private set; } = CampaignStatus.Draft;

    /// <summary>集中征缴期 start; null when the document states only an end.</summary>
    public DateOnly? WindowStart { get; set; }

    public DateOnly? WindowEnd { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<CampaignPhase> Phases { get; } = [];

    public List<CampaignPolicyVersion> PolicyVersions { get; } = [];

    /// <summary>
    /// Adds the next policy version (1 + the highest in <see cref="PolicyVersions"/>, so load them first). The
    /// unique (campaign, version) constraint refuses a concurrent writer that computed the same number.
    /// </summary>
    public CampaignPolicyVersion AddPolicyVersion(string document, string reason, long? byUserId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(document);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status == CampaignStatus.Accepted)
        {
            throw new InvalidOperationException($"Campaign {Code} is accepted (验收): its policy is final.");
        }
        var version = new CampaignPolicyVersion
        {
            TenantId = TenantId,
            Version = PolicyVersions.Count == 0 ? 1 : PolicyVersions.Max(v => v.Version) + 1,
            Document = document,
            Reason = reason,
            CreatedByUserId = byUserId,
            CreatedAt = at,
        };
        PolicyVersions.Add(version);
        return version;
    }

    /// <summary>The highest version among those loaded, or null.</summary>
    public CampaignPolicyVersion? CurrentPolicy() => PolicyVersions.MaxBy(v => v.Version);

    /// <summary>Moves one step along draft → open → closed → accepted; anything else throws.</summary>
    public void MoveTo(CampaignStatus next)
    {
        var allowed = Status switch
        {
            CampaignStatus.Draft => next == CampaignStatus.Open,
            CampaignStatus.Open => next == CampaignStatus.Closed,
            CampaignStatus.Closed => next == CampaignStatus.Accepted,
            CampaignStatus.Accepted => false,
        };
        if (!allowed)
        {
            throw new InvalidOperationException($"Campaign {Code}: cannot move from {Status} to {next}.");
        }
        Status = next;
    }

    /// <summary>PostgreSQL's xmin: an optimistic concurrency token, so two people editing at once get a conflict, not a lost update.</summary>
    public uint RowVersion { get; private set; }
}
