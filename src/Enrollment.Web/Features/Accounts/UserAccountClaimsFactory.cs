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
            await using var db = new EnrollmentDbContext(
                DataServiceCollectionExtensions.CreateOptions(appDataSource, clock), TenantContext.For(tenantId, user.Login));
            if (user.JurisdictionId is { } jurisdictionId)
            {
                var path = await db.Jurisdictions.Where(j => j.Id == jurisdictionId).Select(j => j.Path).SingleOrDefaultAsync()
                    ?? throw new InvalidOperationException($"User {user.Login}: jurisdiction {jurisdictionId} does not exist in tenant {tenantId}.");
                identity.AddClaim(new Claim(AccountClaims.JurisdictionId, jurisdictionId.ToString(CultureInfo.InvariantCulture)));
                identity.AddClaim(new Claim(AccountClaims.JurisdictionPath, path));
                identity.AddClaim(new Claim(AccountClaims.ScopeName, await ScopeNameAsync(db, path)));
            }
            else
            {
                identity.AddClaim(new Claim(AccountClaims.ScopeName, await ScopeNameAsync(db, null)));
            }
        }
        return identity;
    }

    /// <summary>
    /// Where the user works, as the app bar shows it: the county for county users, else the township and the
    /// place below it (鲍沟镇 · 大北坞村), skipping the county and groupings.
    /// </summary>
    private static async Task<string> ScopeNameAsync(EnrollmentDbContext db, string? path)
    {
        if (path is null)
        {
            return await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County).Select(j => j.Name).FirstOrDefaultAsync() ?? "";
        }
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
        var names = await db.Jurisdictions.Where(j => ids.Contains(j.Id) && j.Level != JurisdictionLevel.County && j.Level != JurisdictionLevel.Grouping)
            .Select(j => new { j.Name, Depth = j.Path.Length }).ToListAsync();
        return string.Join(" · ", names.OrderBy(n => n.Depth).Select(n => n.Name));
    }
}
