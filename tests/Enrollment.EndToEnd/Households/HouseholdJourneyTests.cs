using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Households;

/// <summary>
/// 户与人员变动 in the browser, on a phone 360 px wide: a 鲍沟镇 clerk opens a household from a member's page, makes
/// another member the head, then records the former head's death on their page and reads what became of the enrollment.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HouseholdJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task A_township_clerk_makes_another_member_head_and_records_the_former_heads_death()
    {
        var household = await app.ScalarAsync<long>("""
            SELECT h.id FROM households h
            JOIN residents head ON head.tenant_id = h.tenant_id AND head.id = h.head_resident_id AND head.relation_to_head = 'self'
            WHERE h.village_id = $1
              AND (SELECT count(DISTINCT r.name) FROM residents r WHERE r.tenant_id = h.tenant_id AND r.household_id = h.id AND r.status = 'active') >= 2
              AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.tenant_id = h.tenant_id AND r.household_id = h.id AND r.status <> 'active')
            ORDER BY h.id LIMIT 1
            """, await app.VillageOfAsync("鲍沟镇"));
        var head = await app.ScalarAsync<long>("SELECT head_resident_id FROM households WHERE id = $1", household);
        var headName = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", head);
        var next = await app.ScalarAsync<long>("SELECT id FROM residents WHERE household_id = $1 AND id <> $2 AND name <> $3 ORDER BY id LIMIT 1", household, head, headName);
        var nextName = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", next);
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 360, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");

        // From the head's page to their household.
        await page.OpenAsync($"/residents/{head}");
        await page.Locator("[data-testid=household-link]").ClickAsync();
        await page.Locator("[data-testid=household-head]", new() { HasText = headName }).WaitForAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe($"/households/{household}");
        (await page.Locator("[data-testid=household-members]").InnerTextAsync()).ShouldContain(nextName);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "household-phone");

        await ChooseAsync(page, "办理事项", "更换户主");
        await ChooseAsync(page, "新户主", nextName);
        await ChooseAsync(page, "原户主与新户主的关系", "配偶");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await page.Locator("[data-testid=change-submit]").ClickAsync();

        await page.Locator("[data-testid=household-head]", new() { HasText = nextName }).WaitForAsync();
        (await app.ScalarAsync<string>("SELECT relation_to_head FROM residents WHERE id = $1", head)).ShouldBe("spouse");
        (await app.ScalarAsync<long>("SELECT head_resident_id FROM households WHERE id = $1", household)).ShouldBe(next);

        // The former head's death, from their page (reached from the member list).
        await page.Locator("[data-testid=member-link]", new() { HasText = headName }).First.ClickAsync();
        await page.Locator("[data-testid=resident-name]", new() { HasText = headName }).WaitForAsync();
        await page.Locator("#life-event-date").FillAsync("2024-11-19");
        await page.Locator("#life-event-evidence").FillAsync("死亡医学证明 鲍沟2024-19");
        await page.Locator("[data-testid=life-event-submit]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认登记" }).ClickAsync();

        await page.Locator("[data-testid=life-event-result]").WaitForAsync();
        (await page.Locator("[data-testid=resident-status]").InnerTextAsync()).ShouldContain("死亡");
        (await app.ScalarAsync<string>("SELECT status || '|' || status_changed_on || '|' || status_evidence FROM residents WHERE id = $1", head))
            .ShouldBe("deceased|2024-11-19|死亡医学证明 鲍沟2024-19");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "resident-death-recorded-phone");
    }
}
