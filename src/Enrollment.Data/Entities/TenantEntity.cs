using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>Base of tenant-owned entities: primary key (tenant_id, id), id a bigint identity.</summary>
public abstract class TenantEntity : ITenantOwned
{
    /// <summary>Set from the <see cref="TenantContext"/> when added, if left at 0.</summary>
    public int TenantId { get; set; }

    public long Id { get; set; }
}
