using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tenancy;

/// <summary>
/// Enters a user account's tenant and jurisdiction scope from the database row. The web app does not use it: it
/// enters the scope from the sign-in cookie's claims (TenantScopeMiddleware, UserDbContextFactory); tests do.
/// </summary>
public static class UserScope
{
    /// <summary>
    /// Enters the user's tenant on <paramref name="db"/>'s <see cref="TenantContext"/> (whole tenant), then, if the
    /// user has a jurisdiction, looks up its path and narrows to it. A system administrator (no tenant) is only
    /// identified: they see global tables, and act for a tenant through <see cref="TenantContext.For"/>.
    /// </summary>
    public static async Task EnterAsync(EnrollmentDbContext db, UserAccount user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.TenantId is not { } tenantId)
        {
            db.Tenant.Identify(user.Login, user.Id);
            return;
        }
        db.Tenant.Enter(tenantId, user.Login, user.Id);
        if (user.JurisdictionId is { } jurisdictionId)
        {
            var path = await db.Jurisdictions.Where(j => j.Id == jurisdictionId).Select(j => j.Path).SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"User {user.Login}: jurisdiction {jurisdictionId} does not exist in tenant {tenantId}.");
            db.Tenant.NarrowTo(path);
        }
    }
}
