namespace Enrollment.Data.Entities;

/// <summary>
/// One version of a campaign's policy document (jsonb; its schema belongs to the rules service). Versions are
/// numbered 1, 2, 3 … per campaign and never edited; the current policy is the highest version.
/// </summary>
public class CampaignPolicyVersion : TenantEntity
{
    public long CampaignId { get; set; }

    public int Version { get; set; }

    /// <summary>The policy document as JSON text (stored as jsonb, so whitespace and key order are not kept).</summary>
    public string Document { get; set; } = "{}";

    public long? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Why this version was made (required).</summary>
    public string Reason { get; set; } = "";
}
