using System.Security.Claims;
using Enrollment.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;

namespace Enrollment.Web.Features.Accounts;

/// <summary>The signed-in user as a handler sees them: who, which role, which county and subtree.</summary>
public sealed record SignedInUser(
    long Id, string Login, string DisplayName, UserRole Role, int? TenantId, long? JurisdictionId, string? JurisdictionPath, string ScopeName)
{
    public bool Can(Operation operation) => Permissions.Allows(Role, JurisdictionId is not null, operation);

    /// <summary>A county-level user (no jurisdiction): they see the whole county.</summary>
    public bool IsCountyLevel => TenantId is not null && JurisdictionId is null;

    public static SignedInUser? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.UserId() is { } id && principal.RoleOf() is { } role
            ? new SignedInUser(id, principal.Identity.Name ?? "", principal.DisplayNameOf(), role, principal.TenantIdOf(),
                principal.JurisdictionIdOf(), principal.JurisdictionPathOf(), principal.ScopeNameOf())
            : null;
}

/// <summary>An operation refused to the signed-in user: pages show it as "not found", the way a 404 reads.</summary>
public sealed class OperationRefusedException(Operation operation)
    : Exception($"The signed-in user may not perform {operation}.")
{
    public Operation Operation { get; } = operation;
}

/// <summary>
/// The signed-in user in a request's prerender or in a circuit (where there is no HttpContext): read from the
/// authentication state, which a circuit revalidates every minute (<see cref="CircuitAuthenticationStateProvider"/>).
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    /// <summary>The user, or null when signed out (also after a revalidation found the session ended).</summary>
    public async Task<SignedInUser?> GetAsync() => SignedInUser.From((await authentication.GetAuthenticationStateAsync()).User);

    /// <summary>The user, who must be allowed <paramref name="operation"/>; otherwise <see cref="OperationRefusedException"/>.</summary>
    public async Task<SignedInUser> RequireAsync(Operation operation)
    {
        var user = await GetAsync();
        return user is not null && user.Can(operation) ? user : throw new OperationRefusedException(operation);
    }
}
