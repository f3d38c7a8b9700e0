using Enrollment.Data;
using Enrollment.Data.Export;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>
/// GET /campaigns/{code}/quotas.xlsx: the quota table as the bureau circulates it, townships and then every
/// village in official order, with the 示例 label and the village sums, so it can be printed or forwarded.
/// </summary>
internal static class QuotaExport
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapQuotaExport(this WebApplication app) =>
        app.MapGet("/campaigns/{code}/quotas.xlsx", async Task<IResult> (string code, EnrollmentDbContext db) =>
            {
                var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code);
                if (campaign is null)
                {
                    return Results.NotFound();
                }
                List<XlsxSheet> sheets = [];
                List<TownshipQuota> townships = [];
                if (campaign.JurisdictionId is { } area)
                {
                    townships.AddRange(await QuotaRowsQuery.TownshipAsync(db, campaign.Id, area) is { } own ? [own] : []);
                }
                else
                {
                    var rows = await QuotaRowsQuery.TownshipsAsync(db, campaign.Id);
                    sheets.Add(TownshipSheet(campaign.Name, rows));
                    foreach (var row in rows)
                    {
                        townships.AddRange(await QuotaRowsQuery.TownshipAsync(db, campaign.Id, row.JurisdictionId) is { } t ? [t] : []);
                    }
                }
                var villages = new List<(TownshipQuota Township, QuotaRow Village)>();
                foreach (var township in townships)
                {
                    villages.AddRange((await QuotaRowsQuery.VillagesAsync(db, campaign.Id, township)).Select(v => (township, v)));
                }
                sheets.Add(VillageSheet(campaign.Name, villages));

                using var buffer = new MemoryStream();
                XlsxWorkbook.Write(buffer, sheets);
                return Results.File(buffer.ToArray(), ContentType, $"{campaign.Name}-参保任务数.xlsx");
            })
            .RequireAuthorization(Policies.CountyAdmin);

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

    private static XlsxSheet VillageSheet(string campaign, List<(TownshipQuota Township, QuotaRow Village)> rows) => new(
        "村（社区）任务数", $"{campaign} 各村（社区）参保任务数",
        [new("序号", XlsxKind.Count, 6), new("镇街", Width: 16), new("管区/片区", Width: 16), new("村（社区）", Width: 18), new("任务数（人）", XlsxKind.Count), new("说明", Width: 20)],
        rows.Select((r, i) => (IReadOnlyList<object?>)[i + 1, r.Township.Name, r.Village.Grouping, r.Village.Name, r.Village.Target, Note(r.Village.IsDemoQuota, null)]));

    private static string? Note(bool demo, string? other) =>
        string.Join("；", new[] { demo ? "示例（文件未下达，系统生成）" : null, other }.OfType<string>()) is { Length: > 0 } note ? note : null;
}
