using System.Globalization;
using System.Security.Claims;
using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// What the sign-in cookie carries about a user, so a request knows its tenant and scope without a query.
/// A change of role, scope or password renews the security stamp, which signs the old cookie out.
/// </summary>
internal static class AccountClaims
{
    public const string TenantId = "enrollment:tenant";
    public const string JurisdictionPath = "enrollment:jurisdiction_path";
    public const string JurisdictionId = "enrollment:jurisdiction";
    public const string DisplayName = "enrollment:display_name";
    public const string MustChangePassword = "enrollment:must_change_password";
    public const string ScopeName = "enrollment:scope_name";

    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static int? TenantIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(TenantId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static long? JurisdictionIdOf(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(JurisdictionId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? JurisdictionPathOf(this ClaimsPrincipal user) => user.FindFirstValue(JurisdictionPath);

    public static UserRole? RoleOf(this ClaimsPrincipal user) =>
        Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";

    /// <summary>Where the user works (滕州市, 鲍沟镇, 鲍沟镇 · 大北坞村); empty for the system administrator.</summary>
    public static string ScopeNameOf(this ClaimsPrincipal user) => user.FindFirstValue(ScopeName) ?? "";

    public static bool MustChangePasswordOf(this ClaimsPrincipal user) => user.HasClaim(MustChangePassword, "true");
}
