namespace Enrollment.Data.Tenancy;

/// <summary>
/// A row that belongs to one tenant (a county-level bureau). Its table has tenant_id in the primary key, every
/// unique constraint and every foreign key, a row-level security policy, and the context's "tenant" query filter.
/// </summary>
public interface ITenantOwned
{
    int TenantId { get; set; }
}

/// <summary>
/// A tenant-owned row that sits at a place in the jurisdiction tree: besides the tenant filter it gets the
/// "jurisdiction" query filter, so a township or village user sees only their subtree.
/// </summary>
public interface IJurisdictionScoped : ITenantOwned;
