using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Campaigns;

/// <summary>A campaign from a shipped template, then its roster from last year, in Chromium at phone width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NewCampaignJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task An_administrator_creates_a_township_campaign_from_a_template_and_rolls_its_roster_over()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");

        await page.GotoAsync("/campaigns");
        await page.Locator("[data-testid=new-campaign]").ClickAsync();
        await page.Locator("[data-template=baogou-2022]").GetByRole(AriaRole.Link, new() { Name = "选用此模板" }).ClickAsync();
        await page.Locator("[data-testid=new-campaign-form]").WaitForAsync();
        // 鲍沟镇's own template: the township is chosen for it.
        (await page.Locator("#township option:checked").InnerTextAsync()).ShouldBe("鲍沟镇");
        await page.GetByLabel("医保年度").FillAsync("2023");
        await page.GetByLabel("征缴活动编号").FillAsync("baogou-2023");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1")).ShouldBeTrue("sideways scroll at 375 px");
        await page.Locator("[data-testid=create-campaign]").ClickAsync();
        await page.ArriveAtAsync("/campaigns/baogou-2023");
        (await page.Locator("[data-testid=campaign-status]").InnerTextAsync()).ShouldBe("草稿");

        // Last year's 鲍沟镇 campaign (2022) supplies the roster; the section follows the job until it is done.
        await page.Locator("[data-testid=start-roster]").ClickAsync();
        await page.Locator("[data-testid=roster-done]").WaitForAsync(new() { Timeout = 90_000 });
        (await page.Locator("[data-testid=roster-done]").InnerTextAsync()).ShouldContain("连续参保");
        await Screenshots.SaveAsync(page, "roster-done-phone");
    }
}
