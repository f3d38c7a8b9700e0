using Enrollment.Testing.Web;
using Enrollment.Web.Features.Transfers;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Transfers;

/// <summary>
/// 转移申请 in the browser: the 滨湖镇 clerk approves a 鲍沟镇 request through a confirmation dialog; a 鲍沟镇 clerk
/// on a phone withdraws one. The request itself is made through the page's command (the registration journey
/// covers asking for it from the registration form).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TransferJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private async Task<(long ResidentId, long RequestId)> RequestAsync(bool lastVillage)
    {
        var residentId = await app.ResidentOfAsync("滨湖镇", lastVillage);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var session = await app.SessionAsync("tz-baogou");
        var answer = await session.Get<TransferCommands>().RequestAsync(citizenId, await app.VillageOfAsync("鲍沟镇"), "已迁入本镇居住");
        answer.Ok.ShouldBeTrue(answer.Message);
        return (residentId, await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId));
    }

    [Fact]
    public async Task The_Binhu_clerk_approves_a_Baogou_request_and_the_resident_becomes_Baogous()
    {
        var (residentId, requestId) = await RequestAsync(lastVillage: false);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);

        await using var holderContext = await browser.NewContextAsync(app.BaseAddress);
        var holder = await holderContext.NewPageAsync();
        await holder.SignInAsync("tz-binhu");
        // The navigation badge says something waits.
        (await holder.Locator("#main-nav [data-testid=transfers-badge]").TextContentAsync())!.Trim().ShouldMatch(@"^[1-9]\d*件待处理$");
        await holder.OpenAsync("/transfers");
        var row = holder.Locator("[data-testid=transfers-waiting-list] tr", new() { Has = holder.Locator($"[data-testid=transfer-{requestId}]") });
        (await row.InnerTextAsync()).ShouldContain(name);
        (await Accessibility.SeriousViolationsAsync(holder)).ShouldBeEmpty();
        await Screenshots.SaveAsync(holder, "transfers-pending");

        await row.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        var dialog = holder.GetByRole(AriaRole.Dialog);
        (await dialog.InnerTextAsync()).ShouldContain("批准后，该人员将转入");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await holder.GetByText("已批准，该人员已转入申请方的村（社区）。").WaitForAsync();
        var closed = holder.Locator("[data-testid=transfers-closed-list] tr", new() { Has = holder.Locator($"[data-testid=transfer-{requestId}]") });
        (await closed.Locator("[data-testid=transfer-status]").InnerTextAsync()).ShouldBe("已批准");

        await using var clerkContext = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.SignInAsync("tz-baogou");
        (await clerk.GotoAsync($"/residents/{residentId}"))!.Status.ShouldBe(200);
        (await clerk.Locator("[data-testid=resident-name]").InnerTextAsync()).ShouldBe(name);
        (await holder.GotoAsync($"/residents/{residentId}"))!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_Baogou_clerk_withdraws_a_pending_request_on_a_phone()
    {
        var (_, requestId) = await RequestAsync(lastVillage: true);

        await using var clerkContext = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.SignInAsync("tz-baogou");
        await clerk.OpenAsync("/transfers");
        var row = clerk.Locator("[data-testid=transfers-mine-list] tr", new() { Has = clerk.Locator($"[data-testid=transfer-{requestId}]") });
        (await row.Locator("[data-testid=requested-by]").InnerTextAsync()).ShouldBe("鲍沟镇医保办经办人（示例）");
        (await clerk.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(clerk)).ShouldBeEmpty();
        await Screenshots.SaveAsync(clerk, "transfers-mine-phone");

        await row.GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        var dialog = clerk.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("撤回说明（可不填）").FillAsync("误报");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        await clerk.GetByText("已撤回该转移申请。").WaitForAsync();
        var closed = clerk.Locator("[data-testid=transfers-closed-list] tr", new() { Has = clerk.Locator($"[data-testid=transfer-{requestId}]") });
        (await closed.Locator("[data-testid=transfer-status]").InnerTextAsync()).ShouldBe("已撤回（误报）");
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("cancelled");
    }
}
