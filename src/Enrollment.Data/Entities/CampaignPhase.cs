namespace Enrollment.Data.Entities;

/// <summary>A phase of the collection window, e.g. 征缴与录入, 扫尾统计, 公示验收 (小雪 2020).</summary>
public class CampaignPhase : TenantEntity
{
    public long CampaignId { get; set; }

    /// <summary>1, 2, 3 … in time order.</summary>
    public int Ordinal { get; set; }

    public string Name { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }
}
