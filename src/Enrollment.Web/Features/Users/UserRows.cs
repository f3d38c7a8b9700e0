using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Users;

/// <summary>One account in the list. <see cref="Place"/> is the county bureau (system administrator) or the jurisdiction.</summary>
public sealed record UserRow(long Id, string Login, string DisplayName, UserRole Role, string Place, UserStatus Status);

/// <summary>
/// Filters above the list. A county administrator filters by role and jurisdiction (its subtree), the system
/// administrator by county bureau; a filter the administrator does not have is ignored.
/// </summary>
public sealed record UserFilter(
    string? Text = null, UserRole? Role = null, UserStatus? Status = null, long? JurisdictionId = null, int? TenantId = null)
{
    /// <summary>Longest search text read (a login is at most 64 characters).</summary>
    public const int MaxTextLength = 64;
}

/// <summary>One account as its page shows it. <see cref="IsSelf"/>: the administrator's own account.</summary>
public sealed record UserDetail(
    long Id, string Login, string DisplayName, UserRole Role, long? JurisdictionId, string Place, UserStatus Status, bool IsSelf)
{
    public bool IsActive => Status != UserStatus.Disabled;
}

/// <summary>A county bureau (tenant) to choose or filter by.</summary>
public sealed record TenantChoice(int Id, string Name, bool IsActive);

/// <summary>
/// What the user-management pages need to know about the administrator: which roles they may give, the
/// jurisdictions they may bind (county administrator) or the county bureaus (system administrator).
/// </summary>
public sealed record UserAdminView(
    bool IsSystemAdmin, bool IsSubtreeAdmin, IReadOnlyList<UserRole> AssignableRoles, JurisdictionChoices Choices,
    IReadOnlyList<TenantChoice> Tenants)
{
    /// <summary>The label of "no jurisdiction" where it may be chosen; null where a subtree administrator must choose one.</summary>
    public string? WholeCountyLabel => IsSubtreeAdmin ? null : "全县（不限辖区）";
}

/// <summary>A new account and its temporary password, shown once.</summary>
public sealed record CreatedAccount(long Id, string Login, string DisplayName, string Password);

/// <summary>What creating an account did: <see cref="Created"/>, or the reasons it did not.</summary>
public sealed record UserCreation(CreatedAccount? Created, IReadOnlyList<FieldError> Errors);

/// <summary>
/// What a change to an account did. <see cref="Found"/> false: no such account in the administrator's scope (a
/// missing id and another county's are answered alike). <see cref="Password"/>: a reset's temporary password.
/// </summary>
public sealed record UserChange(bool Found, IReadOnlyList<FieldError> Errors, string? Password = null)
{
    public bool Ok => Found && Errors.Count == 0;

    public static readonly UserChange NotFound = new(false, []);
}
