using System.Globalization;
using System.Security.Claims;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// Builds the cookie's identity at sign-in: role, tenant and the jurisdiction path that scopes every query,
/// looked up once here (as the user's own tenant) instead of on every request.
/// </summary>
internal sealed class UserAccountClaimsFactory(
    UserManager<UserAccount> users,
    IOptions<IdentityOptions> options,
    NpgsqlDataSource appDataSource,
    TimeProvider clock) : UserClaimsPrincipalFactory<UserAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(AccountClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccountClaims.MustChangePassword, "true"));
        }
        if (user.TenantId is { } tenantId)
        {
            identity.AddClaim(new Claim(AccountClaims.TenantId, tenantId.ToString(CultureInfo.InvariantCulture)));
            if (user.JurisdictionId is { } jurisdictionId)
            {
                identity.AddClaim(new Claim(AccountClaims.JurisdictionId, jurisdictionId.ToString(CultureInfo.InvariantCulture)));
                identity.AddClaim(new Claim(AccountClaims.JurisdictionPath, await PathOfAsync(tenantId, jurisdictionId, user.Login)));
            }
        }
        return identity;
    }

    private async Task<string> PathOfAsync(int tenantId, long jurisdictionId, string login)
    {
        await using var db = new EnrollmentDbContext(
            DataServiceCollectionExtensions.CreateOptions(appDataSource, clock), TenantContext.For(tenantId, login));
        return await db.Jurisdictions.Where(j => j.Id == jurisdictionId).Select(j => j.Path).SingleOrDefaultAsync()
            ?? throw new InvalidOperationException($"User {login}: jurisdiction {jurisdictionId} does not exist in tenant {tenantId}.");
    }
}
