using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>The quota table exported to Excel: townships and villages in official order, numbers as numbers.</summary>
public sealed class QuotaExportTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task A_county_campaigns_quotas_export_with_townships_then_villages_in_official_order()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");

        // Headers first: the file is streamed into the response as it is written, so no length is sent ahead of it.
        var response = await client.GetAsync("/campaigns/tengzhou-2020/quotas.xlsx", HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldEndWith("-参保任务数.xlsx");
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        // Valid against the Office schema, so Excel and WPS open it without repairs.
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).Select(e => e.Description).ShouldBeEmpty();
        var sheets = Sheets(workbook);
        sheets.Keys.ShouldBe(["镇街任务数", "村（社区）任务数"]);

        var townships = sheets["镇街任务数"];
        townships[2].ShouldBe(["序号", "镇街", "任务数（人）", "村（社区）数", "已分配到村（个）", "分村合计（人）", "说明"]);
        var expected = await app.ScalarAsync<string>("""
            SELECT string_agg(j.name, '|' ORDER BY j.display_order, j.id) FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id
            WHERE t.code = 'tengzhou' AND j.level = 'township'
            """);
        townships.Skip(3).Select(r => r[1]).ShouldBe(expected.Split('|'));
        // The 2020 document's table: 1,416,510 people across the 21 townships, as numbers that add up.
        townships.Skip(3).Sum(r => long.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(1_416_510);

        var villages = sheets["村（社区）任务数"];
        villages[2].ShouldBe(["序号", "镇街", "管区/片区", "村（社区）", "任务数（人）", "说明"]);
        villages.Count.ShouldBeGreaterThan(3);
        townships[1].ShouldBe(["滕州市2020年度居民基本医疗保险筹资 各镇街参保任务数"]);
        villages.Skip(3).Select(r => r[1]).Distinct().ShouldBe(expected.Split('|').Where(t => villages.Skip(3).Any(v => v[1] == t)));
        // Numbers stay numbers (with a format), text stays text; the header row is frozen and filtered.
        var part = PartOf(workbook, "镇街任务数");
        var quota = part.Worksheet.Descendants<Row>().ElementAt(3).Elements<Cell>().ElementAt(2);
        townships[4][2].ShouldBe(quota.CellValue!.Text);
        quota.DataType?.Value.ShouldNotBe(CellValues.InlineString);
        quota.DataType?.Value.ShouldNotBe(CellValues.SharedString);
        quota.StyleIndex.ShouldNotBeNull();
        part.Worksheet.Descendants<Pane>().Single().ShouldSatisfyAllConditions(
            p => p.State!.Value.ShouldBe(PaneStateValues.Frozen), p => p.VerticalSplit!.Value.ShouldBe(2));
        part.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value.ShouldBe("A2:G2");
    }

    [Fact]
    public async Task A_township_campaign_exports_its_villages_only()
    {
        await app.QufuAdminAsync();
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, QuotaTests.QufuAdmin);

        var response = await client.GetAsync("/campaigns/xiaoxue-2020/quotas.xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheets = Sheets(workbook);
        sheets.Keys.ShouldBe(["村（社区）任务数"]);
        var rows = sheets["村（社区）任务数"].Skip(3).ToList();
        rows.Select(r => r[1]).Distinct().ShouldBe(["小雪街道"]);
        rows.Select(r => r[2]).Distinct().ShouldBe(["小雪管区", "北兴管区", "凫村管区", "三合管区", "白杨管区"]);
    }

    [Fact]
    public async Task A_campaign_of_another_county_or_none_is_not_found()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");

        (await client.GetAsync("/campaigns/pubei-2020/quotas.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/campaigns/nope/quotas.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static WorksheetPart PartOf(SpreadsheetDocument workbook, string name) =>
        (WorksheetPart)workbook.WorkbookPart!.GetPartById(workbook.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!);

    [Theory]
    [InlineData("tz-baogou")]
    [InlineData("tz-staff")]
    [InlineData("pb-admin")]
    public async Task Only_the_county_administrator_exports_the_quotas(string login)
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);

        (await client.GetAsync("/campaigns/tengzhou-2020/quotas.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Each sheet's rows as text (1-based like Excel; row 1 the title), numbers and strings alike.</summary>
    internal static Dictionary<string, List<string[]>> Sheets(SpreadsheetDocument workbook)
    {
        var result = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!);
            List<string[]> rows = [[]];
            // By position: the writer leaves out the optional cell references and writes every cell of a row.
            rows.AddRange(part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(c => TextOf(workbook, c)).ToArray()));
            result[sheet.Name!] = rows;
        }
        return result;
    }

    /// <summary>A cell's text: inline or shared strings alike, or the number as written.</summary>
    private static string TextOf(SpreadsheetDocument workbook, Cell cell) => cell.DataType?.Value switch
    {
        var t when t == CellValues.SharedString => workbook.WorkbookPart!.SharedStringTablePart!.SharedStringTable
            .Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText,
        var t when t == CellValues.InlineString => cell.InlineString!.InnerText,
        _ => cell.CellValue?.Text ?? "",
    };
}
