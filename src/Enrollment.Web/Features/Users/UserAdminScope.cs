using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// Which accounts an administrator may see and change. <c>user_accounts</c> is a global table with no query
/// filter, so every user-management query goes through <see cref="Manageable"/>:
/// <list type="bullet">
/// <item>a system administrator manages the tenants' county administrators (BureauAdmin) only;</item>
/// <item>a county administrator manages the accounts of their own tenant, and, if they are bound to a
/// jurisdiction, only accounts bound inside its subtree.</item>
/// </list>
/// </summary>
internal sealed record UserAdminScope(UserRole Role, long UserId, int? TenantId, string? JurisdictionPath)
{
    private static readonly UserRole[] CountyAssignable = Enum.GetValues<UserRole>().Where(r => r != UserRole.SystemAdmin).ToArray();

    public bool IsSystemAdmin => Role == UserRole.SystemAdmin;

    /// <summary>A county administrator bound to a subtree rather than the whole county.</summary>
    public bool IsSubtreeAdmin => !IsSystemAdmin && JurisdictionPath is not null;

    /// <summary>The roles this administrator may give: never SystemAdmin.</summary>
    public IReadOnlyList<UserRole> AssignableRoles => IsSystemAdmin ? [UserRole.BureauAdmin] : CountyAssignable;

    /// <summary>
    /// The administrator's scope. The permission table lets only the system administrator and county administrators
    /// manage users; a county administrator without a county (a broken account) manages nobody.
    /// </summary>
    public static UserAdminScope For(SignedInUser user) => user.Role switch
    {
        UserRole.SystemAdmin => new UserAdminScope(UserRole.SystemAdmin, user.Id, null, null),
        UserRole.BureauAdmin when user.TenantId is { } tenantId => new UserAdminScope(UserRole.BureauAdmin, user.Id, tenantId, user.JurisdictionPath),
        _ => throw new OperationRefusedException(Operation.ManageUsers),
    };

    /// <summary>The accounts this administrator may list and change (the operation's context scopes jurisdictions).</summary>
    public IQueryable<UserAccount> Manageable(EnrollmentDbContext db)
    {
        if (IsSystemAdmin)
        {
            return db.UserAccounts.Where(u => u.Role == UserRole.BureauAdmin);
        }
        var tenantId = TenantId;
        var accounts = db.UserAccounts.Where(u => u.TenantId == tenantId);
        // The context's jurisdiction filter already cuts Jurisdictions to the administrator's subtree.
        return JurisdictionPath is null ? accounts : accounts.Where(u => db.Jurisdictions.Any(j => j.Id == u.JurisdictionId));
    }
}
