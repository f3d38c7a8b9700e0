using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Campaigns;

/// <summary>A campaign from a shipped template, then its roster carried over from last year, in Chromium at phone width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NewCampaignJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task An_administrator_creates_a_township_campaign_from_a_template_and_carries_its_roster_over()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");

        await page.OpenAsync("/campaigns");
        await page.Locator("[data-testid=campaign-tengzhou-2025]").WaitForAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.Locator("[data-testid=new-campaign]").ClickAsync();
        await page.ArriveAtAsync("/campaigns/new");
        await page.WaitForInteractiveAsync();
        await page.Locator("[data-template=baogou-2022]").GetByRole(AriaRole.Link, new() { Name = "选用此模板" }).ClickAsync();
        await page.Locator("[data-testid=new-campaign-form]").WaitForAsync();
        // 鲍沟镇's own template: the township is chosen for it.
        (await page.GetByRole(AriaRole.Combobox, new() { Name = "征缴范围" }).InnerTextAsync()).ShouldBe("鲍沟镇");
        var year = page.GetByLabel("医保年度");
        var code = page.GetByLabel("征缴活动编号");

        // The suggested code follows a new year…
        await year.FillAsync("2023");
        await year.PressAsync("Tab");
        await Expect(code, "baogou-2023");
        // …but never over a code the person typed, even when the typing starts while the year's suggestion is still on
        // its way: moving to the code field sends the year, and the keystrokes follow at once.
        await year.FillAsync("2024");
        await code.FillAsync("");
        await code.PressSequentiallyAsync("bg-own");
        await Expect(code, "bg-own");
        await page.WaitForTimeoutAsync(1000);
        await Expect(code, "bg-own");
        await year.FillAsync("2023");
        await year.PressAsync("Tab");
        await page.WaitForTimeoutAsync(500);
        await Expect(code, "bg-own");
        await code.FillAsync("baogou-2023");

        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(page, "new-campaign-phone");
        await page.Locator("[data-testid=create-campaign]").ClickAsync();
        await page.ArriveAtAsync("/campaigns/baogou-2023");
        await page.WaitForInteractiveAsync();
        (await page.Locator("[data-testid=campaign-status]").InnerTextAsync()).ShouldBe("草稿");

        // Last year's 鲍沟镇 campaign (2022) supplies the roster; the section follows the job until it is done.
        await page.Locator("[data-testid=start-rollover]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "开始结转" }).ClickAsync();
        await page.Locator("[data-testid=rollover-done]").WaitForAsync(new() { Timeout = 90_000 });
        (await page.Locator("[data-testid=rollover-done]").InnerTextAsync()).ShouldContain("连续参保");
        (await page.Locator("[data-testid=rollover-enrolled]").InnerTextAsync()).ShouldNotBe("0");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "rollover-done-phone");
    }

    /// <summary>Waits until the field shows <paramref name="value"/> (it changes after a round trip to the server).</summary>
    private static async Task Expect(ILocator field, string value)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string shown;
        while ((shown = await field.InputValueAsync()) != value)
        {
            if (DateTime.UtcNow > deadline)
            {
                shown.ShouldBe(value, "the field never showed the expected value");
            }
            await Task.Delay(100);
        }
    }
}
