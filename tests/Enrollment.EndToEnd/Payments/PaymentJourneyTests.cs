using Enrollment.Testing.Web;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Registration;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Payments;

/// <summary>
/// 收费、确认与冲正 in the browser: a 鲍沟镇 village collector on a phone (360×740) takes a whole household's payment by
/// 微信; the township clerk at the office confirms the village's day; the county's paid count (the rolled-up progress
/// the county home and the progress API read) moves by the number of members who paid; the clerk reverses one with a
/// reason, and the count goes back by one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>The county's paid count in 滕州 2025: the sum the home pages and the progress API read.</summary>
    private Task<long> PaidCountAsync() => app.ScalarAsync<long>("""
        SELECT coalesce(sum(d.paid), 0) FROM progress_deltas d JOIN campaigns c ON c.tenant_id = d.tenant_id AND c.id = d.campaign_id
        WHERE c.code = 'tengzhou-2025'
        """);

    /// <summary>A household of adults of its own (registered by the clerk), so every member owes the full contribution.</summary>
    private async Task<long> NewHouseholdAsync(long village, int members)
    {
        await using var session = await app.SessionAsync("tz-baogou");
        var commands = session.Get<RegistrationCommands>();
        long household = 0;
        for (var i = 0; i < members; i++)
        {
            var result = await commands.RegisterAsync(new RegisterForm
            {
                CitizenId = await app.FreshIdAsync(77_000 + i, new DateOnly(1975, 1, 1), 20), Name = i == 0 ? "缴费户主" : "缴费成员",
                VillageId = village, HouseholdId = household, Address = i == 0 ? "缴费测试地址8号" : null,
                Relation = i == 0 ? null : RelationToHead.Child, HukouType = "local",
            });
            result.Saved.ShouldBeTrue(string.Join("；", result.Errors.Values));
            household = i == 0 ? await app.ScalarAsync<long>("SELECT household_id FROM residents WHERE id = $1", result.ResidentId!.Value) : household;
        }
        return household;
    }

    private static Task<int> WidthAsync(IPage page) => page.EvaluateAsync<int>("document.documentElement.scrollWidth");

    [Fact]
    public async Task A_collector_takes_a_households_payment_the_clerk_confirms_the_villages_day_and_reverses_one()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var villageName = await app.ScalarAsync<string>("SELECT name FROM jurisdictions WHERE id = $1", village);
        var household = await NewHouseholdAsync(village, 3);
        var before = await PaidCountAsync();

        // The collector, on a phone: 全户缴费 by 微信 from the household page.
        await using var phoneContext = await browser.NewContextAsync(app.BaseAddress, width: 360, height: 740);
        var phone = await phoneContext.NewPageAsync();
        await phone.SignInAsync("tz-baogou-cun");
        await phone.OpenAsync($"/households/{household}");
        await phone.Locator("[data-testid=amount-due]").First.WaitForAsync();
        (await WidthAsync(phone)).ShouldBeLessThanOrEqualTo(360);
        await phone.Locator("[data-testid=pay-household]").ClickAsync();
        var dialog = phone.GetByRole(AriaRole.Dialog);
        await dialog.Locator("[data-testid=household-total]").WaitForAsync();
        await ChooseAsync(phone, "缴费渠道", "微信（税务公众号 / 小程序）");
        await phone.Locator("#pay-reference").FillAsync("WX20241120E2E0001");
        var paying = await dialog.Locator("[data-testid=paying-member]").CountAsync();
        paying.ShouldBe(3);
        (await dialog.Locator("[data-testid=household-total]").InnerTextAsync()).ShouldContain($"合计 {paying} 人");
        (await WidthAsync(phone)).ShouldBeLessThanOrEqualTo(360);
        await Screenshots.SaveAsync(phone, "household-payment-phone");
        await dialog.Locator("[data-testid=pay-submit]").ClickAsync();
        await phone.GetByText($"已为 {paying} 人登记缴费（待确认）", new() { Exact = false }).WaitForAsync();
        await phone.Locator("[data-testid=due-standing]", new() { HasText = "待确认" }).First.WaitForAsync();
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE reference = 'WX20241120E2E0001' AND state = 'unconfirmed'")).ShouldBe(paying);
        (await PaidCountAsync()).ShouldBe(before);

        // The township clerk, at the office: the village's day confirmed at once.
        await using var officeContext = await browser.NewContextAsync(app.BaseAddress);
        var office = await officeContext.NewPageAsync();
        await office.SignInAsync("tz-baogou");
        (await office.Locator("#main-nav a[href='/payments/confirm']").InnerTextAsync()).ShouldContain("到账确认");
        await office.OpenAsync("/payments/confirm");
        await office.Locator("[data-testid=unconfirmed-count]").WaitForAsync();
        await ChooseAsync(office, "村（社区）", $"鲍沟镇 {villageName}");
        var day = office.Locator("[data-testid=day-filter] input");
        await day.FillAsync("2024-11-20");
        await day.PressAsync("Tab");
        var confirmDay = office.Locator("[data-testid=confirm-day]");
        await confirmDay.WaitForAsync();
        var listed = await office.Locator("[data-testid=unconfirmed-name]").CountAsync();
        listed.ShouldBeGreaterThanOrEqualTo(paying);
        (await Accessibility.SeriousViolationsAsync(office)).ShouldBeEmpty();
        await Screenshots.SaveAsync(office, "payments-confirm");
        await confirmDay.ClickAsync();
        await office.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "确认到账" }).ClickAsync();
        await office.GetByText($"登记的缴费 {listed} 笔", new() { Exact = false }).WaitForAsync();
        await office.Locator("[data-testid=no-unconfirmed]").WaitForAsync();
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE reference = 'WX20241120E2E0001' AND state = 'confirmed'")).ShouldBe(paying);
        (await PaidCountAsync()).ShouldBe(before + listed);

        // A reversal with its reason, from a member's page.
        var member = await app.ScalarAsync<long>("SELECT min(resident_id) FROM payments WHERE reference = 'WX20241120E2E0001'");
        await office.OpenAsync($"/residents/{member}");
        await office.Locator("[data-testid=payment-panel] [data-testid=reverse]").First.ClickAsync();
        var reverse = office.GetByRole(AriaRole.Dialog);
        await reverse.Locator("textarea").First.FillAsync("收款人姓名登记错误");
        await reverse.Locator("[data-testid=dialog-confirm]").ClickAsync();
        await office.Locator("[data-testid=reversal-reason]", new() { HasText = "收款人姓名登记错误" }).WaitForAsync();
        (await office.Locator("[data-testid=due-standing]").First.InnerTextAsync()).ShouldBe("未缴费");
        (await app.ScalarAsync<string>("SELECT state || '|' || reversal_reason FROM payments WHERE reference = 'WX20241120E2E0001' AND resident_id = $1", member))
            .ShouldBe("reversed|收款人姓名登记错误");
        (await PaidCountAsync()).ShouldBe(before + listed - 1);
    }
}
