using Enrollment.Data;
using Enrollment.Data.Export;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Residents;

namespace Enrollment.Web.Features.ResidentLists;

/// <summary>
/// GET /rosters/villages/{id}/residents.xlsx and /rosters/townships/{id}/residents.xlsx: a list as a workbook, one
/// sheet, village after village in official order. ID numbers are masked as on every page and export
/// (docs/security.md), with no birth date beside them, so the file is not audited row by row. The list is found
/// first (a place outside the scope is a 404); then the rows stream from the database into the response, a
/// village at a time, so a township of 100,000 people is never held in memory.
/// </summary>
internal static class RosterExport
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Href(RosterLevel level, long id) => level switch
    {
        RosterLevel.Village => $"/rosters/villages/{id}/residents.xlsx",
        RosterLevel.Township => $"/rosters/townships/{id}/residents.xlsx",
    };

    public static WebApplication MapRosterExports(this WebApplication app)
    {
        app.MapGet("/rosters/villages/{id:long}/residents.xlsx", (long id, EnrollmentDbContext db, CancellationToken ct) => ExportAsync(db, RosterLevel.Village, id, ct))
            .RequirePermission(Operation.ReadResidents);
        app.MapGet("/rosters/townships/{id:long}/residents.xlsx", (long id, EnrollmentDbContext db, CancellationToken ct) => ExportAsync(db, RosterLevel.Township, id, ct))
            .RequirePermission(Operation.ReadResidents);
        return app;
    }

    private static async Task<IResult> ExportAsync(EnrollmentDbContext db, RosterLevel level, long id, CancellationToken cancellationToken)
    {
        if (await Roster.LoadAsync(db, level, id, cancellationToken) is not { } roster)
        {
            return Results.NotFound();
        }
        var campaign = roster.Campaign?.Name;
        var sheet = new XlsxSheet("参保人员名册", $"{roster.Name} 参保人员名册{(campaign is null ? "" : $"（{campaign}）")}", Columns, [])
        {
            StreamedRows = Rows(roster.AllAsync(db, cancellationToken)),
        };
        return Results.Stream(stream => XlsxWorkbook.WriteAsync(stream, [sheet], cancellationToken), ContentType, $"{roster.Name}-参保人员名册.xlsx");
    }

    private static readonly XlsxColumn[] Columns =
    [
        new("序号", XlsxKind.Count, 8), new("镇街", Width: 12), new("村（社区）", Width: 14), new("户号", Width: 14), new("姓名", Width: 10),
        new("性别", Width: 6), new("身份证号码", Width: 21), new("联系电话", Width: 14), new("人员状态", Width: 10),
        new("本期参保", Width: 18), new("应缴（元）", XlsxKind.Money, 12),
    ];

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IAsyncEnumerable<PersonRow> people)
    {
        var n = 0;
        await foreach (var p in people)
        {
            yield return [++n, p.Township, p.Village, p.HouseholdNumber, p.Name, ResidentText.Of(p.Sex), p.MaskedCitizenId, p.Phone,
                ResidentText.Of(p.Status), p.Standing is { } s ? PersonText.Of(s) : null,
                p.PayableStale ? PersonText.Requoting : p.Payable];
        }
    }
}
