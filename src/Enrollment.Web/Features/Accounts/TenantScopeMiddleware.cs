using System.Globalization;
using System.Security.Claims;
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
        // A status-code page re-executes the pipeline in the same scope: the tenant is already entered then.
        if (!tenant.HasTenant && tenant.UserId is null)
        {
            TenantScope.Enter(tenant, context.User);
        }
        return next(context);
    }
}

/// <summary>Enters a principal's tenant and subtree on a <see cref="TenantContext"/> (a request's or a circuit's).</summary>
internal static class TenantScope
{
    public static void Enter(TenantContext tenant, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.UserId() is not { } userId)
        {
            return;
        }
        var login = user.Identity.Name ?? userId.ToString(CultureInfo.InvariantCulture);
        if (user.TenantIdOf() is { } tenantId && user.RoleOf() is not UserRole.SystemAdmin)
        {
            tenant.Enter(tenantId, login, userId, user.JurisdictionPathOf());
        }
        else
        {
            tenant.Identify(login, userId);
        }
    }
}
