using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Campaigns;

/// <summary>The whole-policy editor in Chromium at phone width: list buttons work without script, problems show beside fields.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PolicyEditorJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task An_administrator_adds_a_rule_moves_it_up_fixes_a_typo_and_saves_at_phone_width()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");

        // A draft for next year (the page offers it once; later runs find it made).
        await page.GotoAsync("/campaigns/tengzhou-2025");
        await page.Locator("[data-testid=create-next-year]").ClickAsync();
        await page.Locator("[data-testid=campaign-name]").WaitForAsync();
        await page.GotoAsync("/campaigns/tengzhou-2026/policy/edit");
        var rules = await page.Locator("#subsidies [data-testid^=subsidy-]").CountAsync();

        await page.GetByLabel("新增资助对象").SelectOptionAsync(new SelectOptionValue { Label = "农村五保对象" });
        await page.GetByRole(AriaRole.Button, new() { Name = "添加资助规则" }).ClickAsync();
        await page.Locator("[data-testid=list-status]").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"上移第 {rules + 1} 条资助规则" }).ClickAsync();
        await page.Locator("[data-testid=list-status]").Filter(new() { HasText = "上移" }).WaitForAsync();
        var moved = page.Locator($"[data-testid=subsidy-wubao]");
        (await moved.Locator(".fw-semibold").First.InnerTextAsync()).ShouldStartWith($"{rules}. ");

        await moved.GetByLabel("资助比例").FillAsync("百分百");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await page.Locator("[data-testid=policy-errors]").WaitForAsync();
        (await page.Locator("[data-testid=subsidy-wubao] [data-problem$='.share']").InnerTextAsync()).ShouldContain("应填写数字");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1")).ShouldBeTrue("the editor scrolls sideways at 375 px");
        await Screenshots.SaveAsync(page, "policy-editor-phone-error");

        await page.Locator("[data-testid=subsidy-wubao]").GetByLabel("资助比例").FillAsync("100%");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await page.Locator("[data-testid=policy-saved]").WaitForAsync();
        (await page.Locator("[data-testid=rule-wubao] [data-testid=share]").InnerTextAsync()).ShouldBe("100%");
    }
}
