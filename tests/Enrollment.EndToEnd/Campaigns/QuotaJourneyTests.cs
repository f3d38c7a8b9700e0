using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Campaigns;

[Collection(BrowserCollection.Name)]
public sealed class QuotaJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task An_administrator_splits_a_townships_quota_among_its_villages_at_phone_width()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");

        await page.GotoAsync("/campaigns/tengzhou-2025/quotas");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await FitsTheScreenAsync(page)).ShouldBeTrue();
        await Screenshots.SaveAsync(page, "township-quotas-phone");
        await page.Locator("[data-testid=quota-滨湖镇]").GetByRole(AriaRole.Link, new() { Name = "分村任务数" }).ClickAsync();
        await page.Locator("[data-testid=allocation-none]").WaitForAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("滨湖镇");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await FitsTheScreenAsync(page)).ShouldBeTrue();

        // A slip of the finger is explained, and what was typed stays there to be corrected.
        var village = await page.Locator("[data-testid=quota-form] tbody tr label").First.InnerTextAsync();
        await page.GetByLabel(village, new() { Exact = true }).FillAsync("8OO");
        await page.GetByLabel("调整原因（必填）").FillAsync("镇政府分解下达到村");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存任务数" }).ClickAsync();
        await page.Locator("[data-testid=quota-error]").WaitForAsync();
        (await page.Locator("[data-testid=quota-error]").InnerTextAsync()).ShouldContain("“8OO”不是有效的人数");
        (await page.GetByLabel(village, new() { Exact = true }).InputValueAsync()).ShouldBe("8OO");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByLabel(village, new() { Exact = true }).FillAsync("800");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存任务数" }).ClickAsync();
        await page.Locator("[data-testid=quotas-saved]").WaitForAsync();
        (await page.Locator("[data-testid=allocation-warning]").InnerTextAsync()).ShouldContain("分配到村的任务数合计 800 人，与镇街任务数");
        var latest = await page.Locator("[data-testid=quota-history] tbody tr").First.InnerTextAsync();
        latest.ShouldContain(village);
        latest.ShouldContain("镇政府分解下达到村");
        (await FitsTheScreenAsync(page)).ShouldBeTrue();
        await Screenshots.SaveAsync(page, "village-quotas-phone");
    }

    /// <summary>Wide tables scroll inside their own box; the page itself must not scroll sideways on a phone.</summary>
    private static Task<bool> FitsTheScreenAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
