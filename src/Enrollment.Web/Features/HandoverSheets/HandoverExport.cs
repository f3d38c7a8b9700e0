using Enrollment.Data;
using Enrollment.Data.Export;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>
/// GET /payments/handover/{collector}/{village}/{day}/{number}.xlsx: a sheet as a workbook — the people, the total in
/// figures and in capitals, the signature lines. The same sheet as the print view, with the same 404 for a sheet the
/// user may not see. ID numbers masked as everywhere.
/// </summary>
internal static class HandoverExport
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Href(HandoverSheetKey key) => $"/payments/handover/{key.Path}.xlsx";

    public static WebApplication MapHandoverExport(this WebApplication app)
    {
        app.MapGet("/payments/handover/{collector:long}/{village:long}/{day}/{number:int}.xlsx",
                async Task<IResult> (long collector, long village, string day, int number, HttpContext context, EnrollmentDbContext db, CancellationToken ct) =>
                {
                    if (HandoverSheetKey.Parse(collector, village, day, number) is not { } key || SignedInUser.From(context.User) is not { } user
                        || await HandoverSheetRead.LoadAsync(db, user, key, ct) is not { } sheet)
                    {
                        return Results.NotFound();
                    }
                    return Results.Stream(stream => XlsxWorkbook.WriteAsync(stream, [Sheet(sheet)], ct), ContentType,
                        $"{sheet.Village}-{sheet.Collector}-缴款单-{key.CollectedOn:yyyyMMdd}-{key.Number}.xlsx");
                })
            .RequirePermission(Operation.RecordPayments);
        return app;
    }

    private static readonly XlsxColumn[] Columns =
    [
        new("序号", XlsxKind.Count, 6), new("姓名", Width: 10), new("身份证号码", Width: 21), new("村（社区）", Width: 14), new("户号", Width: 14),
        new("金额（元）", XlsxKind.Money, 12), new("票据号", Width: 16), new("状态", Width: 16),
    ];

    public static XlsxSheet Sheet(HandoverSheetView sheet)
    {
        var rows = new List<IReadOnlyList<object?>>();
        var n = 0;
        foreach (var line in sheet.Lines)
        {
            rows.Add([++n, line.Name, line.MaskedCitizenId, line.Village, line.HouseholdNumber, line.Counted ? line.Amount : null,
                line.Reference, HandoverText.LineState(line.State)]);
        }
        rows.Add([null, "合计", $"{sheet.Count} 人", null, null, sheet.Total, null, null]);
        rows.Add([null, "合计（大写）", sheet.TotalInWords, null, null, null, null, null]);
        rows.Add([null, "缴款人（签字）", null, "收款人（签字）", null, "经办人（签字）", null, "日期"]);
        var title = $"{sheet.County}{sheet.Township}{sheet.Village} 城乡居民医保费现金{HandoverText.Title(sheet.Key)} · 征缴员 {sheet.Collector}"
            + (sheet.ReceivedAt is { } at ? $" · 已收讫（{sheet.ReceivedBy}，{HandoverPrint.Minute(at)}）" : " · 未收讫");
        return new XlsxSheet("缴款单", title, Columns, rows);
    }
}
