namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>The quota table as posted: one target per township (or village), one reason for the whole change.</summary>
public sealed class QuotaForm
{
    public List<QuotaInput> Targets { get; set; } = [];

    /// <summary>调整原因 (required when anything changes).</summary>
    public string? Reason { get; set; }
}

public sealed class QuotaInput
{
    public long JurisdictionId { get; set; }

    /// <summary>任务数 (people); empty = no quota set.</summary>
    public int? Target { get; set; }
}
