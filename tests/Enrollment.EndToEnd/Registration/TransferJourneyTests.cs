using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Registration;

/// <summary>
/// The duplicate rule's one exception, end to end: a 鲍沟镇 clerk on a phone types a 滨湖镇 resident's ID, is told
/// only the township, requests the transfer; the 滨湖镇 clerk approves; the resident is now 鲍沟镇's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TransferJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task A_Baogou_clerk_requests_a_Binhu_resident_and_the_Binhu_clerk_approves()
    {
        var residentId = await app.ResidentOfAsync("滨湖镇");
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        var baogouVillage = await app.ScalarAsync<long>("""
            SELECT v.id FROM jurisdictions v JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants tn ON tn.id = t.tenant_id
            WHERE tn.code = 'tengzhou' AND t.level = 'township' AND t.name = '鲍沟镇' AND v.level = 'village'
            ORDER BY v.display_order, v.id LIMIT 1
            """);

        // The 鲍沟镇 clerk, at phone width.
        await using var clerkContext = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.SignInAsync("tz-baogou");
        await clerk.GotoAsync("/residents/register");
        await clerk.GetByLabel("所在村（社区）").SelectOptionAsync(baogouVillage.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.GetByLabel("身份证号码").FillAsync(citizenId);
        var duplicate = clerk.Locator("[data-testid=id-duplicate]");
        await duplicate.WaitForAsync();
        (await duplicate.InnerTextAsync()).ShouldContain("该身份证号码已在本县滨湖镇登记");
        (await clerk.ContentAsync()).ShouldNotContain(name);

        // Usable on a phone: nothing wider than the screen, every input labelled, the buttons on screen.
        (await clerk.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(clerk)).ShouldBeEmpty();
        var save = await clerk.GetByRole(AriaRole.Button, new() { Name = "保存" }).BoundingBoxAsync();
        save!.Width.ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(clerk, "register-duplicate-phone");

        await clerk.GetByLabel("转入理由").FillAsync("已迁入本镇居住");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "申请转入" }).ClickAsync();
        var result = clerk.Locator("[data-testid=transfer-result]");
        await result.WaitForAsync();
        (await result.InnerTextAsync()).ShouldContain("已提交转移申请");

        // The 滨湖镇 clerk approves.
        await using var holderContext = await browser.NewContextAsync(app.BaseAddress);
        var holder = await holderContext.NewPageAsync();
        await holder.SignInAsync("tz-binhu");
        await holder.GotoAsync("/transfers");
        var row = holder.Locator("[data-testid=transfers-waiting-list] tbody tr", new() { HasText = name });
        (await Accessibility.SeriousViolationsAsync(holder)).ShouldBeEmpty();
        await Screenshots.SaveAsync(holder, "transfers-pending");
        await row.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await holder.Locator("[data-testid=transfer-done]").WaitForAsync();
        (await holder.Locator("[data-testid=transfer-done]").InnerTextAsync()).ShouldContain("已批准");

        var opened = await clerk.GotoAsync($"/residents/{residentId}");
        opened!.Status.ShouldBe(200);
        (await clerk.Locator("[data-testid=resident-name]").InnerTextAsync()).ShouldBe(name);
        var gone = await holder.GotoAsync($"/residents/{residentId}");
        gone!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_Baogou_clerk_withdraws_a_pending_request_on_a_phone()
    {
        // A 滨湖镇 resident other than the first test's: the last village in official order.
        var residentId = await app.ResidentOfAsync("滨湖镇", lastVillage: true);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var clerkContext = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.SignInAsync("tz-baogou");
        await clerk.GotoAsync("/residents/register");
        await clerk.GetByLabel("所在村（社区）").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await clerk.GetByLabel("身份证号码").FillAsync(citizenId);
        await clerk.Locator("[data-testid=id-duplicate]").WaitForAsync();
        await clerk.GetByLabel("转入理由").FillAsync("已迁入本镇居住");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "申请转入" }).ClickAsync();
        await clerk.Locator("[data-testid=transfer-result]").WaitForAsync();
        var requestId = await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId);

        await clerk.GotoAsync("/transfers");
        var row = clerk.Locator($"[data-testid=transfers-mine-list] [data-testid=transfer-{requestId}]");
        (await row.Locator("[data-testid=requested-by]").InnerTextAsync()).ShouldBe("鲍沟镇医保办经办人（示例）");
        (await clerk.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(clerk)).ShouldBeEmpty();
        await Screenshots.SaveAsync(clerk, "transfers-mine-phone");

        await row.GetByLabel("撤回说明（可不填）").FillAsync("误报");
        await row.GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        var done = clerk.Locator("[data-testid=transfer-done]");
        await done.WaitForAsync();
        (await done.InnerTextAsync()).ShouldContain("已撤回该转移申请");
        (await clerk.Locator($"[data-testid=transfers-closed-list] [data-testid=transfer-{requestId}] [data-testid=transfer-status]").InnerTextAsync())
            .ShouldBe("已撤回（误报）");
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("cancelled");
    }
}
