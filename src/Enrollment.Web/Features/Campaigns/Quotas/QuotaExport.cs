using Enrollment.Data;
using Enrollment.Data.Export;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>
/// GET /campaigns/{code}/quotas.xlsx: the quota table as the bureau circulates it, townships and then every
/// village in official order, with the 示例 label and the village sums, so it can be printed or forwarded. The rows
/// are read first (a failure is still an error status), then the workbook streams into the response.
/// </summary>
internal static class QuotaExport
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapQuotaExport(this WebApplication app) =>
        app.MapGet("/campaigns/{code}/quotas.xlsx", async Task<IResult> (string code, EnrollmentDbContext db, CancellationToken cancellationToken) =>
            {
                if (!CampaignCodes.IsWellFormed(code))
                {
                    return Results.NotFound();
                }
                var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
                if (campaign is null)
                {
                    return Results.NotFound();
                }
                List<XlsxSheet> sheets = [];
                List<(long Id, string Name)> townships;
                if (campaign.JurisdictionId is { } area)
                {
                    townships = await QuotaRowsQuery.TownshipAsync(db, campaign.Id, area, cancellationToken) is { } own ? [(own.Id, own.Name)] : [];
                }
                else
                {
                    var rows = await QuotaRowsQuery.TownshipsAsync(db, campaign.Id, cancellationToken);
                    sheets.Add(TownshipSheet(campaign.Name, rows));
                    townships = [.. rows.Select(r => (r.JurisdictionId, r.Name))];
                }
                var villages = await QuotaRowsQuery.VillagesOfAsync(db, campaign.Id, [.. townships.Select(t => t.Id)], cancellationToken: cancellationToken);
                sheets.Add(VillageSheet(campaign.Name, [.. townships.SelectMany(t => villages[t.Id].Select(v => (t.Name, v)))]));

                return Results.Stream(stream => XlsxWorkbook.WriteAsync(stream, sheets, cancellationToken), ContentType, $"{campaign.Name}-参保任务数.xlsx");
            })
            .RequirePermission(Operation.ManageCampaigns);

    private static XlsxSheet TownshipSheet(string campaign, List<QuotaRow> rows) => new(
        "镇街任务数", $"{campaign} 各镇街参保任务数",
        [
            new("序号", XlsxKind.Count, 6), new("镇街", Width: 16), new("任务数（人）", XlsxKind.Count),
            new("村（社区）数", XlsxKind.Count), new("已分配到村（个）", XlsxKind.Count, 16), new("分村合计（人）", XlsxKind.Count), new("说明", Width: 30),
        ],
        rows.Select((r, i) => (IReadOnlyList<object?>)
        [
            i + 1, r.Name, r.Target, r.Villages?.Villages, r.Villages?.WithTarget, r.Villages is { WithTarget: > 0 } v ? v.Sum : null,
            Note(r.IsDemoQuota, r.Villages?.Differs(r.Target) == true ? "分村合计与镇街任务数不一致" : null),
        ]));

    private static XlsxSheet VillageSheet(string campaign, List<(string Township, QuotaRow Village)> rows) => new(
        "村（社区）任务数", $"{campaign} 各村（社区）参保任务数",
        [new("序号", XlsxKind.Count, 6), new("镇街", Width: 16), new("管区/片区", Width: 16), new("村（社区）", Width: 18), new("任务数（人）", XlsxKind.Count), new("说明", Width: 20)],
        rows.Select((r, i) => (IReadOnlyList<object?>)[i + 1, r.Township, r.Village.Grouping, r.Village.Name, r.Village.Target, Note(r.Village.IsDemoQuota, null)]));

    private static string? Note(bool demo, string? other) =>
        string.Join("；", new[] { demo ? "示例（文件未下达，系统生成）" : null, other }.OfType<string>()) is { Length: > 0 } note ? note : null;
}
