namespace Enrollment.Data.Tenancy;

/// <summary>
/// Who the current unit of work acts for: the tenant, the user's jurisdiction scope and the actor recorded in
/// the audit log. Scoped (one per request); the web app sets it once after sign-in. The DbContext's query
/// filters and the connection interceptor read it. With no tenant set, tenant-owned queries return nothing
/// and the database's row-level security shows nothing: there is no implicit bypass.
/// </summary>
public sealed class TenantContext
{
    /// <summary>The tenant, or null (nothing tenant-owned is visible).</summary>
    public int? TenantId { get; private set; }

    /// <summary>
    /// Materialized path of the user's root jurisdiction (e.g. <c>/1/5/</c>); null = the whole tenant.
    /// </summary>
    public string? JurisdictionPath { get; private set; }

    /// <summary>The signed-in user, if any (audit "who").</summary>
    public long? UserId { get; private set; }

    /// <summary>A readable actor for the audit log: a login, or e.g. <c>cli:import</c>.</summary>
    public string Actor { get; private set; } = "anonymous";

    public bool HasTenant => TenantId is not null;

    /// <summary>
    /// Sets the tenant for this scope. Allowed once: switching tenants under a live DbContext would mix rows
    /// tracked for one tenant with connections opened for another.
    /// </summary>
    public void Enter(int tenantId, string actor, long? userId = null, string? jurisdictionPath = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (jurisdictionPath is not null && !IsPath(jurisdictionPath))
        {
            throw new ArgumentException($"'{jurisdictionPath}' is not a jurisdiction path such as /1/5/.", nameof(jurisdictionPath));
        }
        if (TenantId is not null)
        {
            throw new InvalidOperationException(
                $"This scope already acts for tenant {TenantId}; create a new scope to act for tenant {tenantId}.");
        }
        TenantId = tenantId;
        UserId = userId;
        Actor = actor;
        JurisdictionPath = jurisdictionPath;
    }

    /// <summary>
    /// Narrows the scope to a subtree of the current one (e.g. after looking up a user's jurisdiction path with
    /// the whole-tenant scope). Widening is refused: a scope only ever gets smaller.
    /// </summary>
    public void NarrowTo(string jurisdictionPath)
    {
        ArgumentNullException.ThrowIfNull(jurisdictionPath);
        if (TenantId is null)
        {
            throw new InvalidOperationException("Enter a tenant before narrowing to a jurisdiction.");
        }
        if (!IsPath(jurisdictionPath))
        {
            throw new ArgumentException($"'{jurisdictionPath}' is not a jurisdiction path such as /1/5/.", nameof(jurisdictionPath));
        }
        if (JurisdictionPath is not null && !jurisdictionPath.StartsWith(JurisdictionPath, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot widen the scope from {JurisdictionPath} to {jurisdictionPath}.");
        }
        JurisdictionPath = jurisdictionPath;
    }

    /// <summary>Sets only the actor (system administrators working on global tables, with no tenant).</summary>
    public void Identify(string actor, long? userId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        Actor = actor;
        UserId = userId;
    }

    /// <summary>
    /// An explicit context for CLI, bulk and system-administrator code acting for one tenant (whole tenant).
    /// Pass it to <see cref="EnrollmentDbContext"/> or <see cref="TenantConnections"/>.
    /// </summary>
    public static TenantContext For(int tenantId, string actor, long? userId = null, string? jurisdictionPath = null)
    {
        var context = new TenantContext();
        context.Enter(tenantId, actor, userId, jurisdictionPath);
        return context;
    }

    private static bool IsPath(string path) =>
        path.Length >= 3 && path[0] == '/' && path[^1] == '/' && path.All(c => c == '/' || char.IsAsciiDigit(c))
        && !path.Contains("//", StringComparison.Ordinal);
}
