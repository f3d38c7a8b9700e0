using Enrollment.Data.Payments;
using Enrollment.Domain.Payments;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Payments;

/// <summary>
/// 缴款单 in the browser: the 鲍沟镇 village collector, on a phone, finds the day's sheet of the cash they recorded and
/// prints it (the print view carries the total in Chinese capitals); the township clerk marks it received. The cash
/// payment itself is recorded through the payment service, as the record dialog would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandOverSheetJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private static readonly DateOnly Day = new(2024, 11, 20);

    private async Task<(string Name, decimal Amount)> RecordCashAsync()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var enrollment = await app.ScalarAsync<long>("""
            SELECT e.id FROM enrollments e JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            WHERE c.code = 'tengzhou-2025' AND r.village_id = $1 AND e.status = 'registered' ORDER BY e.id LIMIT 1
            """, village);
        const decimal amount = 380.50m;
        await using var session = await app.SessionAsync("tz-baogou-cun");
        await using var db = await session.Get<UserDbContextFactory>().CreateAsync();
        (await PaymentService.RecordAsync(db, enrollment, new NewPayment("village_collection", "现金-0001", Day, amount, false), DateTimeOffset.UtcNow))
            .ShouldNotBeNull();
        return (await app.ScalarAsync<string>("SELECT r.name FROM enrollments e JOIN residents r ON r.id = e.resident_id WHERE e.id = $1", enrollment), amount);
    }

    [Fact]
    public async Task A_collector_prints_the_days_sheet_and_the_township_clerk_marks_it_received()
    {
        var (name, amount) = await RecordCashAsync();
        var words = ChineseAmount.Format(amount);

        await using var collectorContext = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var collector = await collectorContext.NewPageAsync();
        await collector.SignInAsync("tz-baogou-cun");
        await collector.OpenAsync("/payments/handover");
        var row = collector.Locator("[data-testid=handover-list] tr", new() { Has = collector.Locator("[data-testid=print-handover]") });
        await row.First.WaitForAsync();
        (await row.First.Locator("[data-testid=handover-total]").InnerTextAsync()).ShouldBe("380.50");
        (await row.First.Locator("[data-testid=handover-state-cell]").InnerTextAsync()).ShouldContain("未收讫");
        (await collector.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(collector)).ShouldBeEmpty();
        await Screenshots.SaveAsync(collector, "handover-collector-phone");

        var print = await row.First.Locator("[data-testid=print-handover]").GetAttributeAsync("href");
        (await collector.GotoAsync(print!))!.Status.ShouldBe(200);
        var sheet = collector.Locator("[data-testid=handover-print]");
        await sheet.WaitForAsync();
        (await sheet.Locator("[data-testid=sheet-total-words]").InnerTextAsync()).ShouldBe(words);
        (await sheet.InnerTextAsync()).ShouldContain(name);
        // The page's 打印 button opens the browser's print dialog; here it is caught instead of shown.
        await collector.EvaluateAsync("() => { window.printed = false; window.print = () => { window.printed = true; }; }");
        await sheet.Locator("[data-testid=print-sheet]").ClickAsync();
        await collector.WaitForFunctionAsync("() => window.printed === true");
        await Screenshots.SaveAsync(collector, "handover-print");

        await using var clerkContext = await browser.NewContextAsync(app.BaseAddress);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.SignInAsync("tz-baogou");
        await clerk.OpenAsync("/payments/handover");
        var clerkRow = clerk.Locator("[data-testid=handover-list] tr", new() { Has = clerk.Locator("[data-testid=receive-handover]") });
        await clerkRow.First.WaitForAsync();
        await clerkRow.First.Locator("[data-testid=receive-handover]").ClickAsync();
        var dialog = clerk.GetByRole(AriaRole.Dialog);
        (await dialog.InnerTextAsync()).ShouldContain(words);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认收讫" }).ClickAsync();
        await clerk.GetByText("已确认收讫，缴款单已冻结").WaitForAsync();
        await clerk.Locator("[data-testid=handover-state-cell]", new() { HasText = "已收讫" }).First.WaitForAsync();
        (await app.ScalarAsync<long>("SELECT count(*) FROM handover_sheets WHERE total = 380.50")).ShouldBe(1);
    }
}
