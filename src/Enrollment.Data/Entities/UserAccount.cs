namespace Enrollment.Data.Entities;

/// <summary>
/// A user account. Global table: logins are unique across the deployment. A system administrator has no
/// tenant; everyone else has one, and optionally a jurisdiction that roots the subtree they work in.
/// </summary>
public class UserAccount
{
    public long Id { get; set; }

    /// <summary>Null only for <see cref="UserRole.SystemAdmin"/>.</summary>
    public int? TenantId { get; set; }

    public string Login { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? PasswordHash { get; set; }

    public UserRole Role { get; set; }

    /// <summary>Root of the user's scope; null = the whole tenant. No foreign key (global → tenant table).</summary>
    public long? JurisdictionId { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Changes whenever credentials or scope change, which signs out existing sessions (Identity).</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Locked until this moment after too many failed sign-ins.</summary>
    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    /// <summary>首次登录须修改密码: set for new accounts and after an administrator's reset.</summary>
    public bool MustChangePassword { get; set; } = true;
}
