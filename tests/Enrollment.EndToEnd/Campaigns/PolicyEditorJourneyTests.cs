using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Campaigns;

/// <summary>The whole-policy editor in Chromium at phone width: list buttons act in the page, problems show beside fields as typed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PolicyEditorJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task An_administrator_adds_a_rule_moves_it_up_fixes_a_typo_and_saves_at_phone_width()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-admin");

        // A draft for next year: this class's only test, so the page carries tengzhou-2025 over exactly once.
        await page.OpenAsync("/campaigns/tengzhou-2025");
        await page.Locator("[data-testid=create-next-year]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "创建草稿" }).ClickAsync();
        await page.ArriveAtAsync("/campaigns/tengzhou-2026");
        await page.WaitForInteractiveAsync();
        await page.Locator("[data-testid=edit-policy]").ClickAsync();
        await page.ArriveAtAsync("/campaigns/tengzhou-2026/policy/edit");
        await page.Locator("[data-testid=policy-form]").WaitForAsync();
        await page.WaitForInteractiveAsync();
        var rules = await page.Locator("#subsidies [data-testid^=subsidy-]").CountAsync();

        await page.GetByRole(AriaRole.Combobox, new() { Name = "新增资助对象" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "农村五保对象" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "添加资助规则" }).ClickAsync();
        await page.Locator("[data-testid=list-status]").Filter(new() { HasText = "已在末尾添加一条资助规则" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"上移第 {rules + 1} 条资助规则" }).ClickAsync();
        await page.Locator("[data-testid=list-status]").Filter(new() { HasText = "上移" }).WaitForAsync();
        var moved = page.Locator("[data-testid=subsidy-wubao]");
        (await moved.Locator("[data-testid=rule-title]").InnerTextAsync()).ShouldStartWith($"{rules}. ");

        // A typo is explained beside its field as soon as it is typed, and again when saving is tried.
        await moved.GetByLabel("资助比例").FillAsync("百分百");
        await moved.Locator("[data-problem$='.share']").Filter(new() { HasText = "应填写数字" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await page.Locator("[data-testid=policy-errors]").WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(page, "policy-editor-phone-error");

        await moved.GetByLabel("资助比例").FillAsync("100%");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await page.Locator("[data-testid=policy-saved]").WaitForAsync();
        (await page.Locator("tr:has([data-testid=rule-wubao]) [data-testid=share]").InnerTextAsync()).ShouldBe("100%");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(page, "campaign-after-editor-phone");
    }
}
