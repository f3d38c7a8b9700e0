using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Registration;

/// <summary>
/// 登记参保人员 in the browser: a 鲍沟镇 clerk on a phone types a 滨湖镇 resident's number, is told only the township
/// and asks for the transfer with a reason typed at once; a new resident is registered and their page opens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistrationJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private Task<string> VillageNameAsync(long villageId) => app.ScalarAsync<string>("SELECT name FROM jurisdictions WHERE id = $1", villageId);

    private static async Task ChooseVillageAsync(IPage page, string village)
    {
        await page.GetByLabel("所在村（社区）").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = village }).ClickAsync();
    }

    [Fact]
    public async Task A_Baogou_clerk_on_a_phone_asks_for_a_Binhu_resident_and_the_reason_typed_at_once_is_the_one_saved()
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", 3);
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        var village = await app.VillageOfAsync("鲍沟镇");
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");
        await page.OpenAsync("/residents/register");

        // Scripted as fast as it goes: the number, then the reason the moment its field appears.
        await page.GetByLabel("身份证号码").PressSequentiallyAsync(number);
        await page.GetByLabel("转入理由").PressSequentiallyAsync("已迁入本村居住，户口已迁入");
        await ChooseVillageAsync(page, await VillageNameAsync(village));
        (await page.Locator("[data-testid=id-duplicate]").InnerTextAsync()).ShouldContain("该身份证号码已在本县滨湖镇登记");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "registration-transfer-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "申请转入" }).ClickAsync();

        await page.GetByText("已提交转移申请，待滨湖镇或县医保局审批。").WaitForAsync();
        var html = await page.ContentAsync();
        html.ShouldNotContain(name);
        html.ShouldNotContain(await app.ScalarAsync<string>("SELECT v.name FROM residents r JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id WHERE r.id = $1", residentId));
        (await app.ScalarAsync<string>("SELECT reason || '|' || to_village_id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId))
            .ShouldBe($"已迁入本村居住，户口已迁入|{village}");
    }

    [Fact]
    public async Task A_clerk_registers_a_new_resident_and_lands_on_their_page()
    {
        var number = await app.FreshIdAsync(31);
        var village = await app.VillageOfAsync("鲍沟镇", last: true);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");
        await page.OpenAsync("/residents/register");

        await page.GetByLabel("身份证号码").FillAsync(number);
        await page.Locator("[data-testid=id-derived]").WaitForAsync();
        await page.GetByLabel("姓名").FillAsync("赵新民");
        await ChooseVillageAsync(page, await VillageNameAsync(village));
        await page.GetByLabel("家庭住址").FillAsync("新村路18号");
        await page.GetByLabel("联系电话（可不填）").FillAsync("13800138000");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "registration-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await page.Locator("[data-testid=resident-name]", new() { HasText = "赵新民" }).WaitForAsync();
        var residentId = await app.ScalarAsync<long>("SELECT id FROM residents WHERE citizen_id = $1", number);
        new Uri(page.Url).AbsolutePath.ShouldBe($"/residents/{residentId}");
        (await page.Locator("[data-testid=citizen-id]").InnerTextAsync()).ShouldBe(number[..6] + "********" + number[14..]);
        (await app.ScalarAsync<string>("SELECT village_id || '|' || phone FROM residents WHERE id = $1", residentId)).ShouldBe($"{village}|13800138000");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "resident-registered");
    }
}
