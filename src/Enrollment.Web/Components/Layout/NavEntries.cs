using Enrollment.Web.Features.Accounts;
using MudBlazor;

namespace Enrollment.Web.Components.Layout;

/// <summary>One entry of the navigation: where it leads and the operation it needs (null: every signed-in user).</summary>
public sealed record NavEntry(string Href, string Label, string Icon, Operation? Operation);

/// <summary>The navigation, in the order people use it; each entry shows only when the permission table allows it.</summary>
public static class NavEntries
{
    public static readonly IReadOnlyList<NavEntry> All =
    [
        new("/", "首页", Icons.Material.Outlined.Home, null),
        new("/search", "查找人员", Icons.Material.Outlined.PersonSearch, Operation.ReadResidents),
        new("/rosters", "人员名册", Icons.Material.Outlined.ListAlt, Operation.ReadResidents),
        new("/trial-quote", "试算", Icons.Material.Outlined.Calculate, Operation.QuoteTrial),
        new("/residents/register", "登记参保人员", Icons.Material.Outlined.PersonAdd, Operation.RegisterResidents),
        new("/imports/residents", "导入户籍人口", Icons.Material.Outlined.UploadFile, Operation.ImportResidents),
        new("/imports/payments", "导入税务缴费明细", Icons.Material.Outlined.ReceiptLong, Operation.ImportPayments),
        new("/transfers", "转移申请", Icons.Material.Outlined.SwapHoriz, Operation.RequestTransfers),
        new("/payments/confirm", "到账确认", Icons.Material.Outlined.FactCheck, Operation.ConfirmPayments),
        new("/payments/handover", "缴款单", Icons.Material.Outlined.Receipt, Operation.RecordPayments),
        new("/payments/refunds", "退费名单", Icons.Material.Outlined.CurrencyExchange, Operation.ConfirmPayments),
        new("/payments/refunds/county", "退费审批", Icons.Material.Outlined.FactCheck, Operation.ManageRefunds),
        new("/payments/government", "政府代缴", Icons.Material.Outlined.AccountBalance, Operation.RecordGovernmentPayments),
        new("/campaigns", "征缴活动", Icons.Material.Outlined.EventNote, Operation.ManageCampaigns),
        new("/admin/users", "用户管理", Icons.Material.Outlined.ManageAccounts, Operation.ManageUsers),
        new("/admin/api-keys", "API 密钥", Icons.Material.Outlined.Key, Operation.ManageApiKeys),
        new("/admin/tenants/new", "新建县级医保局", Icons.Material.Outlined.AddBusiness, Operation.ManageTenants),
    ];

    public static IEnumerable<NavEntry> For(SignedInUser? user) =>
        All.Where(e => e.Operation is not { } operation || (user is not null && user.Can(operation)));
}
