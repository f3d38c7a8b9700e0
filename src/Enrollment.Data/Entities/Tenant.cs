namespace Enrollment.Data.Entities;

/// <summary>A tenant: one county-level medical-insurance bureau (县/市医保局). Global table.</summary>
public class Tenant
{
    public int Id { get; set; }

    /// <summary>Stable slug, e.g. <c>tengzhou</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>e.g. 滕州市医疗保障局.</summary>
    public string Name { get; set; } = "";

    /// <summary>6-digit administrative division code (行政区划代码), e.g. 370481.</summary>
    public string? RegionCode { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
