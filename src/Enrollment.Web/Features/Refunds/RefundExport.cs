using Enrollment.Data;
using Enrollment.Data.Export;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Refunds;

/// <summary>
/// The refund list as a workbook with the page's filters (?township=&amp;state=): /payments/refunds.xlsx for a township
/// clerk's list, /payments/refunds/county.xlsx for the county's. ID numbers masked as on the page.
/// </summary>
internal static class RefundExport
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Href(bool county, RefundFilter filter) =>
        $"/payments/refunds{(county ? "/county" : "")}.xlsx?township={filter.TownshipId}&state={filter.State}";

    public static WebApplication MapRefundExport(this WebApplication app)
    {
        app.MapGet("/payments/refunds.xlsx", (long? township, RefundState? state, HttpContext context, EnrollmentDbContext db, CancellationToken ct) =>
                ExportAsync(context, db, new RefundFilter(township, state), ct))
            .RequirePermission(Operation.ConfirmPayments);
        app.MapGet("/payments/refunds/county.xlsx", (long? township, RefundState? state, HttpContext context, EnrollmentDbContext db, CancellationToken ct) =>
                ExportAsync(context, db, new RefundFilter(township, state), ct))
            .RequirePermission(Operation.ManageRefunds);
        return app;
    }

    private static readonly XlsxColumn[] Columns =
    [
        new("序号", XlsxKind.Count, 6), new("镇街", Width: 12), new("村（社区）", Width: 14), new("姓名", Width: 10), new("身份证号码", Width: 21),
        new("金额（元）", XlsxKind.Money, 12), new("缴费渠道", Width: 12), new("交易/票据号", Width: 18), new("缴费日期", XlsxKind.Date, 12),
        new("状态", Width: 14), new("审批人", Width: 16), new("退费日期", XlsxKind.Date, 12), new("退费登记人", Width: 16),
    ];

    private static async Task<IResult> ExportAsync(HttpContext context, EnrollmentDbContext db, RefundFilter filter, CancellationToken ct)
    {
        if (SignedInUser.From(context.User) is not { } user)
        {
            return Results.NotFound();
        }
        var page = await RefundList.PageAsync(db, user, filter, 0, XlsxWorkbook.MaxRows - 2, ct);
        var n = 0;
        var rows = page.Items.Select(r => (IReadOnlyList<object?>)[++n, r.Township, r.Village, r.Name, r.MaskedCitizenId, r.Amount, r.Channel,
            r.Reference, r.PaidOn, RefundText.StateName(r.State), r.ApprovedBy, r.RefundedOn, r.RefundedBy]).ToList();
        var sheet = new XlsxSheet("退费名单", "重复缴费退费名单", Columns, rows);
        return Results.Stream(stream => XlsxWorkbook.WriteAsync(stream, [sheet], ct), ContentType, "退费名单.xlsx");
    }
}
