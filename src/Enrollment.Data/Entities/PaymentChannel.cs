namespace Enrollment.Data.Entities;

// Global reference data seeded by 0003_global_tables.sql; the app role may only read it.

/// <summary>A payment channel (缴费渠道), e.g. 建行裕农通, 微信.</summary>
public class PaymentChannel
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Direct government payment (统一代缴): counts as paid for progress.</summary>
    public bool IsGovernment { get; set; }

    public int DisplayOrder { get; set; }
}
