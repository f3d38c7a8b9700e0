using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Campaigns;

/// <summary>
/// The county administrator splits a township's quota among its villages on a phone, and downloads the quota table
/// at a PC. The grids and fields work at 375 px without the page scrolling sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuotaJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task An_administrator_splits_a_townships_quota_among_its_villages_at_phone_width()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");

        await page.OpenAsync("/campaigns/tengzhou-2025/quotas");
        var binhu = page.Locator("tr", new() { Has = page.Locator("[data-testid=quota-滨湖镇]") });
        await binhu.WaitForAsync();
        await page.Locator("[data-testid=quota-history] tbody tr").First.WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await FitsTheScreenAsync(page)).ShouldBeTrue();
        await Screenshots.SaveAsync(page, "township-quotas-phone");
        await binhu.GetByRole(AriaRole.Link, new() { Name = "分村任务数" }).ClickAsync();
        await page.Locator("[data-testid=allocation-none]").WaitForAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("滨湖镇");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await FitsTheScreenAsync(page)).ShouldBeTrue();

        // A slip of the finger is explained beside the field as it is typed, and stays there to be corrected.
        var village = await page.Locator("[data-testid=quota-form] tbody tr label").First.InnerTextAsync();
        var field = page.GetByLabel(village, new() { Exact = true });
        await field.FillAsync("8OO");
        var row = page.Locator("tr", new() { Has = field });
        await row.GetByText("“8OO”不是有效的人数，请填写整数").WaitForAsync();
        await field.PressAsync("Enter");
        (await page.Locator("[data-testid=quota-error]").InnerTextAsync()).ShouldContain($"{village}：“8OO”不是有效的人数");
        (await page.GetByRole(AriaRole.Dialog).CountAsync()).ShouldBe(0);
        (await field.InputValueAsync()).ShouldBe("8OO");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();

        await field.FillAsync("800");
        await row.GetByText("不是有效的人数").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存任务数" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        (await dialog.InnerTextAsync()).ShouldContain($"{village} 未设置 → 800");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await dialog.GetByLabel("调整原因").FillAsync("镇政府分解下达到村");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByText("已调整 1 项任务数。").WaitForAsync();
        await page.Locator("[data-testid=allocation-warning]").WaitForAsync();
        (await page.Locator("[data-testid=allocation-warning]").InnerTextAsync()).ShouldContain("分配到村的任务数合计 800 人，与镇街任务数");
        var latest = page.Locator("[data-testid=quota-history] tbody tr").First;
        await latest.GetByText("镇政府分解下达到村").WaitForAsync();
        (await latest.InnerTextAsync()).ShouldContain(village);
        (await FitsTheScreenAsync(page)).ShouldBeTrue();
        await Screenshots.SaveAsync(page, "village-quotas-phone");
    }

    [Fact]
    public async Task The_quota_table_downloads_as_an_Excel_file_streamed_from_the_server()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");
        await page.OpenAsync("/campaigns/tengzhou-2020/quotas");
        await page.Locator("[data-testid=quota-history] tbody tr").First.WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "township-quotas-pc");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出 Excel" }).ClickAsync());

        download.SuggestedFilename.ShouldEndWith("-参保任务数.xlsx");
        var path = await download.PathAsync();
        (await File.ReadAllBytesAsync(path))[..2].ShouldBe("PK"u8.ToArray());
        // Over a real socket the file arrives in chunks as it is written: no length is announced ahead.
        var response = await context.APIRequest.GetAsync("/campaigns/tengzhou-2020/quotas.xlsx");
        response.Status.ShouldBe(200);
        response.Headers.ShouldContainKey("transfer-encoding");
        response.Headers["transfer-encoding"].ShouldBe("chunked");
        response.Headers.ShouldNotContainKey("content-length");
    }

    /// <summary>Wide tables scroll inside their own box; the page itself must not scroll sideways on a phone.</summary>
    private static Task<bool> FitsTheScreenAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
