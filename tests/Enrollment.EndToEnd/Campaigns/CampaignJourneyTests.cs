using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Campaigns;

[Collection(BrowserCollection.Name)]
public sealed class CampaignJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task An_administrator_carries_the_campaign_over_changes_the_60_to_69_share_of_the_draft_and_the_quote_follows()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");

        // Next year's draft from this year's campaign, after a confirmation.
        await page.OpenAsync("/campaigns/tengzhou-2025");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "campaign-open");
        await page.Locator("[data-testid=create-next-year]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        (await dialog.InnerTextAsync()).ShouldContain("2026 年度的征缴活动草稿");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "创建草稿" }).ClickAsync();
        await page.ArriveAtAsync("/campaigns/tengzhou-2026");
        await page.Locator("[data-testid=campaign-status]").Filter(new() { HasText = "草稿" }).WaitForAsync();

        // A 65-year-old paying in the 2026 window: half of 400.
        var id = IdFor(new DateOnly(1960, 6, 1));
        (await TrialPayableAsync(page, "tengzhou-2026", id)).ShouldBe("200.00 元");

        await page.OpenAsync("/campaigns/tengzhou-2026/policy/edit");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "policy-editor-desktop");
        await page.Locator("[data-testid=subsidy-age_60_69]").GetByLabel("资助比例").FillAsync("0.8");
        await page.GetByLabel("修改原因（可不填）").FillAsync("县政府决定提高60—69岁老人资助比例");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await page.Locator("[data-testid=policy-saved]").WaitForAsync();
        (await page.Locator("tr:has([data-testid=rule-age_60_69]) [data-testid=share]").InnerTextAsync()).ShouldBe("80%");
        (await page.Locator("[data-testid=policy-version]").InnerTextAsync()).ShouldBe("2");
        await Screenshots.SaveAsync(page, "campaign-draft-saved");

        // The trial quote reads the current version: 20% of 400 is left to pay.
        (await TrialPayableAsync(page, "tengzhou-2026", id)).ShouldBe("80.00 元");

        // The comparison says what changed, in Chinese.
        await page.OpenAsync("/campaigns/tengzhou-2026/versions");
        var row = page.Locator("[data-testid=differences] tr", new() { Has = page.Locator("[data-path='subsidies[age_60_69].share']") });
        (await row.InnerTextAsync()).ShouldContain("资助规则「60—69岁老年人」 · 资助比例");
        (await row.InnerTextAsync()).ShouldContain("80%");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "campaign-versions-compared");
    }

    [Fact]
    public async Task The_trial_quote_checks_the_ID_number_as_it_is_typed_at_phone_width()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");
        await page.OpenAsync("/trial-quote");

        var id = IdFor(new DateOnly(1990, 5, 5));
        await page.GetByLabel("身份证号码").PressSequentiallyAsync(id[..10]);
        await page.Locator("[data-testid=id-check-error]").WaitForAsync();
        await page.GetByLabel("身份证号码").FillAsync(id);
        await page.Locator("[data-testid=id-check-ok]").WaitForAsync();
        (await page.Locator("[data-testid=id-check-ok]").InnerTextAsync()).ShouldContain("1990-05-05");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "trial-quote-phone");
    }

    [Fact]
    public async Task A_clerk_cannot_open_the_configuration_pages()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");

        foreach (var url in new[] { "/campaigns", "/campaigns/new", "/campaigns/tengzhou-2025", "/campaigns/tengzhou-2025/policy/edit", "/campaigns/tengzhou-2025/versions" })
        {
            var response = await page.GotoAsync(url);
            response!.Status.ShouldBe(404, url);
        }
        (await page.Locator("nav").GetByText("征缴活动").CountAsync()).ShouldBe(0);
    }

    /// <summary>
    /// What the trial quote page charges <paramref name="citizenId"/> paying on 2025-11-20 under the campaign's
    /// current policy version (continuing, no certified category).
    /// </summary>
    private static async Task<string> TrialPayableAsync(IPage page, string campaign, string citizenId)
    {
        await page.OpenAsync($"/trial-quote?campaign={campaign}");
        await page.GetByLabel("身份证号码").FillAsync(citizenId);
        await page.GetByLabel("缴费日期").FillAsync("2025-11-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "试算", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=quote-result]").WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        return await page.Locator("[data-testid=quote-payable]").InnerTextAsync();
    }

    private static string IdFor(DateOnly birth, int sequence = 123)
    {
        var body = $"370481{birth:yyyyMMdd}{sequence:D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
