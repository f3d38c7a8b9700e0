using Enrollment.Data.Entities;
using MudBlazor;

namespace Enrollment.Web.Features.Users;

/// <summary>An account's state as the list and the account page show it (and the list filters by).</summary>
public enum UserStatus
{
    Normal,
    MustChangePassword,
    LockedOut,
    Disabled,
}

internal static class UserText
{
    public static UserStatus StatusOf(UserAccount user, DateTimeOffset now) =>
        !user.IsActive ? UserStatus.Disabled
        : user.LockoutEnd > now ? UserStatus.LockedOut
        : user.MustChangePassword ? UserStatus.MustChangePassword
        : UserStatus.Normal;

    public static string Name(UserStatus status) => status switch
    {
        UserStatus.Normal => "正常",
        UserStatus.MustChangePassword => "待修改密码",
        UserStatus.LockedOut => "已锁定",
        UserStatus.Disabled => "已停用",
    };

    public static Color ColorOf(UserStatus status) => status switch
    {
        UserStatus.Normal => Color.Success,
        UserStatus.MustChangePassword => Color.Warning,
        UserStatus.LockedOut => Color.Error,
        UserStatus.Disabled => Color.Default,
    };

    /// <summary>Each state its own shape, not only its own colour.</summary>
    public static string IconOf(UserStatus status) => status switch
    {
        UserStatus.Normal => Icons.Material.Outlined.CheckCircle,
        UserStatus.MustChangePassword => Icons.Material.Outlined.Password,
        UserStatus.LockedOut => Icons.Material.Outlined.Lock,
        UserStatus.Disabled => Icons.Material.Outlined.Block,
    };
}
