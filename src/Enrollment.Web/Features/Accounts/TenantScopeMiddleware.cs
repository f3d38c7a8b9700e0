using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// Sets the request's <see cref="TenantContext"/> from the signed-in user's claims, before any page or handler
/// touches the DbContext: the tenant for both walls, the jurisdiction subtree for the query filters.
/// Anonymous requests and the system administrator act for no tenant and see nothing tenant-owned.
/// </summary>
internal sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var user = context.User;
        // A status-code page re-executes the pipeline in the same scope: the tenant is already entered then.
        if (user.Identity?.IsAuthenticated == true && user.UserId() is { } userId && !tenant.HasTenant && tenant.UserId is null)
        {
            var login = user.Identity.Name ?? userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (user.TenantIdOf() is { } tenantId && user.RoleOf() is not UserRole.SystemAdmin)
            {
                tenant.Enter(tenantId, login, userId, user.JurisdictionPathOf());
            }
            else
            {
                tenant.Identify(login, userId);
            }
        }
        return next(context);
    }
}
