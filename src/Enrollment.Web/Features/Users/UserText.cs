using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Users;

/// <summary>An account's state as the list and the edit page show it.</summary>
internal static class UserText
{
    public static string Status(UserAccount user, DateTimeOffset now) =>
        !user.IsActive ? "已停用"
        : user.LockoutEnd > now ? "已锁定"
        : user.MustChangePassword ? "待修改密码"
        : "正常";

    public static string StatusClass(UserAccount user, DateTimeOffset now) =>
        !user.IsActive ? "text-bg-secondary" : user.LockoutEnd > now ? "text-bg-danger" : user.MustChangePassword ? "text-bg-warning" : "text-bg-success";
}
