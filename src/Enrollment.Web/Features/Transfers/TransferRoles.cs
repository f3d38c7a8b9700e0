using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Transfers;

internal static class TransferRoles
{
    /// <summary>The roles of the approver policy (Policies.TransferApprover): township clerks and county users.</summary>
    public static bool MayApprove(UserRole? role) => role switch
    {
        UserRole.BureauAdmin or UserRole.BureauStaff or UserRole.TownshipStaff => true,
        UserRole.SystemAdmin or UserRole.Finance or UserRole.VillageStaff or UserRole.DepartmentStaff or null => false,
    };

    /// <summary>The roles of the registrar policy (Policies.Registrar): they request, and see the requests of their subtree.</summary>
    public static bool MayRequest(UserRole? role) => role switch
    {
        UserRole.BureauAdmin or UserRole.BureauStaff or UserRole.TownshipStaff or UserRole.VillageStaff => true,
        UserRole.SystemAdmin or UserRole.Finance or UserRole.DepartmentStaff or null => false,
    };
}
