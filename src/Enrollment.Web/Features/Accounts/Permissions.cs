using System.Collections.Frozen;
using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Accounts;

/// <summary>What a signed-in user may do (操作). Each page, endpoint and handler names the one it needs.</summary>
public enum Operation
{
    /// <summary>试算: quote a typed citizen ID number in one of the county's campaigns.</summary>
    QuoteTrial,
    /// <summary>查看参保人员: a resident's page, their trial quote, the full ID number on audited request.</summary>
    ReadResidents,
    /// <summary>登记参保人员: register a resident in a village of the user's subtree.</summary>
    RegisterResidents,
    /// <summary>导入户籍人口: upload a population file from the household register, preview it, store the accepted rows.</summary>
    ImportResidents,
    /// <summary>申请转入 and the transfer list of the subtree (both sides), withdrawing the subtree's own requests.</summary>
    RequestTransfers,
    /// <summary>审批转出: approve or reject a transfer out of the subtree.</summary>
    DecideTransfers,
    /// <summary>收费登记: record a resident's or a household's payment (unconfirmed until a township clerk confirms it); the collector's hand-over sheet.</summary>
    RecordPayments,
    /// <summary>到账确认、冲正: confirm collectors' entries, reverse a payment with a reason, mark a hand-over sheet received, the township's refund list.</summary>
    ConfirmPayments,
    /// <summary>导入税务缴费明细: the tax bureau's payment file for a campaign, county-wide.</summary>
    ImportPayments,
    /// <summary>退费审批: approve a double payment's refund and record when it was paid back, county-wide.</summary>
    ManageRefunds,
    /// <summary>政府代缴: record the government's payment for every resident whose whole contribution a subsidy pays.</summary>
    RecordGovernmentPayments,
    /// <summary>征缴活动: campaigns, their policy and versions, quotas, next year, roster roll-over.</summary>
    ManageCampaigns,
    /// <summary>用户管理: the accounts the administrator's scope holds.</summary>
    ManageUsers,
    /// <summary>API 密钥: the keys other systems (the tax bureau, banks) call /api/v1 with, county-wide.</summary>
    ManageApiKeys,
    /// <summary>新建县级医保局 (tenants), for the system administrator.</summary>
    ManageTenants,
}

/// <summary>Which data an operation reaches.</summary>
public enum OperationScope
{
    /// <summary>Global tables only (tenants, the county administrators): the system administrator, no county.</summary>
    System,
    /// <summary>The user's county, narrowed to their jurisdiction subtree by the query filters.</summary>
    Subtree,
    /// <summary>The county's configuration as a whole (campaigns, quotas): a county role.</summary>
    County,
}

/// <summary>
/// The one table of who may do what: the authorization policies (one per operation, named after it), the
/// navigation menu and the handlers all read it, so they cannot drift apart. A test walks every page and endpoint
/// and fails if one declares no permission.
/// </summary>
public static class Permissions
{
    private static readonly FrozenDictionary<UserRole, FrozenSet<Operation>> ByRole = new Dictionary<UserRole, FrozenSet<Operation>>
    {
        [UserRole.SystemAdmin] = Set(Operation.ManageUsers, Operation.ManageTenants),
        [UserRole.BureauAdmin] = Set(Operation.QuoteTrial, Operation.ReadResidents, Operation.RegisterResidents, Operation.ImportResidents,
            Operation.RequestTransfers, Operation.DecideTransfers, Operation.RecordPayments, Operation.ConfirmPayments, Operation.ImportPayments,
            Operation.ManageRefunds, Operation.RecordGovernmentPayments, Operation.ManageCampaigns, Operation.ManageUsers, Operation.ManageApiKeys),
        [UserRole.BureauStaff] = Set(Operation.QuoteTrial, Operation.ReadResidents, Operation.RegisterResidents, Operation.RequestTransfers,
            Operation.DecideTransfers, Operation.RecordPayments, Operation.ConfirmPayments, Operation.ImportPayments, Operation.ManageRefunds,
            Operation.RecordGovernmentPayments),
        [UserRole.Finance] = Set(Operation.QuoteTrial, Operation.ManageRefunds),
        [UserRole.TownshipStaff] = Set(Operation.QuoteTrial, Operation.ReadResidents, Operation.RegisterResidents, Operation.ImportResidents,
            Operation.RequestTransfers, Operation.DecideTransfers, Operation.RecordPayments, Operation.ConfirmPayments),
        [UserRole.VillageStaff] = Set(Operation.QuoteTrial, Operation.ReadResidents, Operation.RegisterResidents, Operation.RequestTransfers,
            Operation.RecordPayments),
        [UserRole.DepartmentStaff] = Set(Operation.QuoteTrial),
    }.ToFrozenDictionary();

    /// <summary>The data each operation reaches.</summary>
    public static OperationScope ScopeOf(Operation operation) => operation switch
    {
        Operation.ManageTenants => OperationScope.System,
        Operation.ManageCampaigns or Operation.ManageApiKeys or Operation.ImportPayments or Operation.ManageRefunds
            or Operation.RecordGovernmentPayments => OperationScope.County,
        Operation.QuoteTrial or Operation.ReadResidents or Operation.RegisterResidents or Operation.ImportResidents or Operation.RequestTransfers
            or Operation.DecideTransfers or Operation.RecordPayments or Operation.ConfirmPayments or Operation.ManageUsers => OperationScope.Subtree,
    };

    /// <summary>Whether <paramref name="role"/> may perform <paramref name="operation"/>.</summary>
    public static bool Allows(UserRole? role, Operation operation) =>
        role is { } r && ByRole.TryGetValue(r, out var operations) && operations.Contains(operation);

    /// <summary>
    /// Whether a user of <paramref name="role"/> may perform <paramref name="operation"/> where they work: an operation on
    /// the county's configuration as a whole (<see cref="OperationScope.County"/>) also needs a user who is not bound
    /// to part of the county — a county administrator bound to a township manages that township's accounts, not the
    /// county's campaigns.
    /// </summary>
    public static bool Allows(UserRole? role, bool boundToJurisdiction, Operation operation) =>
        Allows(role, operation) && !(boundToJurisdiction && ScopeOf(operation) == OperationScope.County);

    /// <summary>The roles that may perform <paramref name="operation"/> (the policy's roles).</summary>
    public static IReadOnlyList<UserRole> RolesFor(Operation operation) =>
        [.. Enum.GetValues<UserRole>().Where(r => Allows(r, operation))];

    /// <summary>The policy name of an operation: its name.</summary>
    public static string PolicyOf(Operation operation) => operation.ToString();

    private static FrozenSet<Operation> Set(params Operation[] operations) => operations.ToFrozenSet();
}

/// <summary>
/// Declares the operation a page or an endpoint needs; the authorization policy of the same name checks the
/// role against <see cref="Permissions"/>. A user without it gets 404, as for a record outside their scope.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PermissionAttribute : Microsoft.AspNetCore.Authorization.AuthorizeAttribute
{
    public PermissionAttribute(Operation operation)
        : base(Permissions.PolicyOf(operation)) => Operation = operation;

    public Operation Operation { get; }
}

public static class PermissionEndpointExtensions
{
    /// <summary>Requires <paramref name="operation"/> of an endpoint (the same policy and attribute as a page).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Operation operation)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionAttribute(operation));
}
