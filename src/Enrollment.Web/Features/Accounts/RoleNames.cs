using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Accounts;

/// <summary>The roles as people in a bureau name them.</summary>
internal static class RoleNames
{
    public static string Chinese(UserRole role) => role switch
    {
        UserRole.SystemAdmin => "系统管理员",
        UserRole.BureauAdmin => "县医保局管理员",
        UserRole.BureauStaff => "县医保局工作人员",
        UserRole.Finance => "财政工作人员",
        UserRole.TownshipStaff => "镇街医保办经办人",
        UserRole.VillageStaff => "村（社区）征缴员",
        UserRole.DepartmentStaff => "部门工作人员",
    };

    /// <summary>Roles bound to a township or a village (their scope is that subtree).</summary>
    public static bool IsLocal(UserRole role) => role is UserRole.TownshipStaff or UserRole.VillageStaff;
}
