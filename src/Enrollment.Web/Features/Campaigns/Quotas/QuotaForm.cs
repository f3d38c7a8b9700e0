namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>The quota table as posted: one target per township (or village), one reason for the whole change.</summary>
public sealed class QuotaForm
{
    public List<QuotaInput> Targets { get; set; } = [];

    /// <summary>调整原因 (required when anything changes).</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// One row as posted. Target and Version are strings on purpose: a typed binding turns "12o0" into a mapping
/// error and a null, which would read as "no change"; <see cref="QuotaTarget.Parse"/> explains it instead.
/// </summary>
public sealed class QuotaInput
{
    public long JurisdictionId { get; set; }

    /// <summary>任务数 (people) as typed; empty = no quota set.</summary>
    public string? Target { get; set; }

    /// <summary>The quota's row version when the form was rendered; empty when it had no quota then.</summary>
    public string? Version { get; set; }
}
