using System.Text.RegularExpressions;
using Enrollment.Testing.Imports;
using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Imports;

/// <summary>
/// 导入户籍人口 in the browser: a 鲍沟镇 clerk uploads a small workbook with a few bad rows, sees those rows first
/// with their reasons, commits, and the accepted people are registered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ResidentImportJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task A_Baogou_clerk_uploads_a_workbook_sees_the_rejected_rows_first_and_commits_the_rest()
    {
        var village = await app.ScalarAsync<string>("SELECT name FROM jurisdictions WHERE id = $1", await app.VillageOfAsync("鲍沟镇"));
        var head = await app.FreshIdAsync(901);
        var spouse = await app.FreshIdAsync(902);
        var single = await app.FreshIdAsync(903);
        var file = await ImportFiles.XlsxAsync(
        [
            ["鲍沟镇2024年户籍人口"],
            ImportFiles.ResidentHeader,
            ["鲍沟镇", village, "E2E-1", "孟导入", head, "户主", "13912340001", "导入路1号", "是"],
            ["鲍沟镇", village, "E2E-1", "邹导入", spouse, "配偶", null, null, "否"],
            ["鲍沟镇", village, "E2E-2", "章导入", "370481199001011234", "户主", null, null, "是"],
            ["鲍沟镇", "没有这个村", "E2E-3", "云导入", await app.FreshIdAsync(904), "户主", null, null, "是"],
            ["鲍沟镇", village, "E2E-4", "苏导入", single, "户主", null, null, null],
        ]);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");
        await page.OpenAsync("/imports/residents");

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "鲍沟镇户籍人口.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检查" }).ClickAsync();
        await page.ArriveWhereAsync("the check of the upload", url => CheckUrl().IsMatch(url.ToString()));
        await page.WaitForInteractiveAsync();

        await page.Locator("[data-testid=count-rejected]", new() { HasText = "不予导入 2" }).WaitForAsync();
        (await page.Locator("[data-testid=count-accepted]").InnerTextAsync()).ShouldContain("可导入 3");
        (await page.Locator("[data-testid=import-notice]").InnerTextAsync()).ShouldContain("第 2 行");
        var verdicts = page.Locator("[data-testid=import-rows] [data-testid=row-verdict]");
        await verdicts.First.WaitForAsync();
        (await verdicts.AllInnerTextsAsync()).ShouldBe(["不予导入", "不予导入", "可导入", "可导入", "可导入"]);
        var messages = await page.Locator("[data-testid=import-rows] [data-testid=row-message]").AllInnerTextsAsync();
        messages[0].ShouldContain("公民身份号码");
        messages[1].ShouldContain("没有这个村");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "import-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入 3 人" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();

        await page.Locator("[data-testid=import-done]").WaitForAsync();
        (await page.Locator("[data-testid=import-done]").InnerTextAsync()).ShouldContain("已导入 3 人");
        await Screenshots.SaveAsync(page, "import-done");
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = ANY($1)", (object)new[] { head, spouse, single })).ShouldBe(3L);
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE name IN ('章导入', '云导入')")).ShouldBe(0L);
    }

    [GeneratedRegex("/imports/residents/[0-9a-f-]{36}$")]
    private static partial Regex CheckUrl();
}
