using Enrollment.Data;
using Enrollment.Data.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// Creates one <see cref="EnrollmentDbContext"/> per operation, acting for the signed-in user: their tenant (both
/// walls: the query filters and row-level security on every connection) and their jurisdiction subtree. A request
/// enters the user's <see cref="TenantContext"/> in <see cref="TenantScopeMiddleware"/>; a circuit has no request,
/// so the first context created in it enters the tenant from the circuit's authentication state. Never keep a
/// context for the life of a circuit: it would hold tracked rows and a connection for hours.
/// </summary>
public sealed class UserDbContextFactory(
    IDbContextFactory<EnrollmentDbContext> factory, TenantContext tenant, AuthenticationStateProvider authentication)
{
    public async Task<EnrollmentDbContext> CreateAsync(CancellationToken cancellationToken = default)
    {
        if (!tenant.HasTenant && tenant.UserId is null)
        {
            var principal = (await authentication.GetAuthenticationStateAsync()).User;
            TenantScope.Enter(tenant, principal);
        }
        return await factory.CreateDbContextAsync(cancellationToken);
    }
}
