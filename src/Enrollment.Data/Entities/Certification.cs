using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>A department's certification that a resident is in a category for a campaign (docs/rules.md §3).</summary>
public class Certification : TenantEntity, IJurisdictionScoped
{
    public long CampaignId { get; set; }

    public long ResidentId { get; set; }

    public Resident? Resident { get; set; }

    /// <summary>Code of <see cref="Entities.CategoryCode"/>, e.g. <c>dibao</c>.</summary>
    public string CategoryCode { get; set; } = "";

    /// <summary>The certifying department, e.g. 民政局.</summary>
    public string Department { get; set; } = "";

    /// <summary>The date first certified, when the list gives one (some rules depend on it).</summary>
    public DateOnly? FirstCertifiedOn { get; set; }

    /// <summary>Which version of the department's list this came from.</summary>
    public string? SourceListVersion { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public long? RecordedByUserId { get; set; }
}
