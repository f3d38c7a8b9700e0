using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Transfers;

/// <summary>Who takes part in transfers, as the permission table says.</summary>
internal static class TransferRoles
{
    /// <summary>Approves or rejects transfers out of the subtree: township clerks and county users.</summary>
    public static bool MayApprove(UserRole? role) => Permissions.Allows(role, Operation.DecideTransfers);

    /// <summary>Requests transfers into the subtree and sees the requests of both sides.</summary>
    public static bool MayRequest(UserRole? role) => Permissions.Allows(role, Operation.RequestTransfers);
}
