using Enrollment.Testing.Imports;
using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Imports;

/// <summary>
/// The registry from end to end: a 鲍沟镇 clerk imports a small register with a bad row, leaves it, commits, finds an
/// imported person by name from the app bar, opens their household and records the death of a member. A 滨湖镇 clerk
/// searching the same name finds nobody; a village collector on a 360 px phone finds the household's head.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistryJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private const string Head = "鞠旅程";
    private const string Spouse = "蔺旅程";

    [Fact]
    public async Task Import_search_household_and_death_then_nobody_outside_the_township_finds_the_person()
    {
        var village = await app.ScalarAsync<string>("SELECT name FROM jurisdictions WHERE id = $1", await app.VillageOfAsync("鲍沟镇"));
        var spouseId = await app.FreshIdAsync(932);
        var file = await ImportFiles.XlsxAsync(
        [
            ImportFiles.ResidentHeader,
            ["鲍沟镇", village, "E2E-J1", Head, await app.FreshIdAsync(931), "户主", "13912340931", "旅程路1号", "是"],
            ["鲍沟镇", village, "E2E-J1", Spouse, spouseId, "配偶", null, null, "是"],
            ["鲍沟镇", village, "E2E-J2", "错号码", "370481199001011234", "户主", null, null, "是"],
        ]);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");

        // Import: the bad row is left out, the household's two people are stored.
        await page.OpenAsync("/imports/residents");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "旅程户籍.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检查" }).ClickAsync();
        await page.Locator("[data-testid=count-rejected]", new() { HasText = "不予导入 1" }).WaitForAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入 2 人" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=import-done]", new() { HasText = "已导入 2 人" }).WaitForAsync();

        // Search by name from the app bar, open the person, then their household.
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "查找人员" }).FillAsync(Spouse);
        await page.Keyboard.PressAsync("Enter");
        var link = page.Locator("[data-testid=search-results] [data-testid=person-link]", new() { HasText = Spouse });
        await link.WaitForAsync();
        (await link.CountAsync()).ShouldBe(1);
        await link.ClickAsync();
        await page.Locator("[data-testid=resident-name]", new() { HasText = Spouse }).WaitForAsync();
        await page.WaitForInteractiveAsync();
        await page.Locator("[data-testid=household-link]").ClickAsync();
        await page.Locator("[data-testid=household-head]", new() { HasText = Head }).WaitForAsync();
        (await page.Locator("[data-testid=household-members]").InnerTextAsync()).ShouldContain(Spouse);

        // The spouse's death, recorded on their page (reached from the member list).
        await page.Locator("[data-testid=member-link]", new() { HasText = Spouse }).First.ClickAsync();
        await page.Locator("[data-testid=resident-name]", new() { HasText = Spouse }).WaitForAsync();
        await page.WaitForInteractiveAsync();
        await page.Locator("#life-event-date").FillAsync("2024-11-18");
        await page.Locator("#life-event-evidence").FillAsync("死亡医学证明 旅程2024-18");
        await page.Locator("[data-testid=life-event-submit]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "确认登记" }).ClickAsync();
        await page.Locator("[data-testid=life-event-result]").WaitForAsync();
        (await app.ScalarAsync<string>("SELECT status || '|' || status_changed_on FROM residents WHERE citizen_id = $1", spouseId))
            .ShouldBe("deceased|2024-11-18");
        // Imported, so enrolled at once; the unpaid enrollment went with the death.
        (await app.ScalarAsync<string>("""
            SELECT e.status FROM enrollments e JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            WHERE r.citizen_id = $1 AND c.code = 'tengzhou-2025'
            """, spouseId)).ShouldBe("cancelled");

        // Another township's clerk finds nobody by that name.
        await using var otherContext = await browser.NewContextAsync(app.BaseAddress);
        var other = await otherContext.NewPageAsync();
        await other.SignInAsync("tz-binhu");
        await other.OpenAsync("/search?q=" + Uri.EscapeDataString(Spouse));
        await other.Locator("[data-testid=search-none]", new() { HasText = "没有找到" }).WaitForAsync();
        (await other.ContentAsync()).ShouldNotContain(Spouse + "<");

        // The village collector, on a phone, finds the head of the household by name.
        await using var phoneContext = await browser.NewContextAsync(app.BaseAddress, width: 360, height: 740);
        var phone = await phoneContext.NewPageAsync();
        await phone.SignInAsync("tz-baogou-cun");
        await phone.Locator("[data-testid=app-search-open]").ClickAsync();
        await phone.ArriveWhereAsync("/search", url => url.AbsolutePath == "/search");
        await phone.WaitForInteractiveAsync();
        await phone.GetByLabel("身份证号码、姓名、户号或电话号码").FillAsync(Head);
        await phone.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
        await phone.Locator("[data-testid=person-link]", new() { HasText = Head }).First.WaitForAsync();
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        (await Accessibility.SeriousViolationsAsync(phone)).ShouldBeEmpty();
    }
}
