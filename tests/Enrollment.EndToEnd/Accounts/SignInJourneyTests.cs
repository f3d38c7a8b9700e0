using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Accounts;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Theory]
    [InlineData("admin", "系统管理员工作台")]
    [InlineData("tz-admin", "县医保局管理员工作台")]
    [InlineData("tz-staff", "县医保局工作人员工作台")]
    [InlineData("tz-finance", "财政工作人员工作台")]
    [InlineData("tz-baogou", "镇街医保办经办人工作台")]
    [InlineData("tz-baogou-cun", "村（社区）征缴员工作台")]
    public async Task Each_demo_role_signs_in_and_lands_on_its_home(string login, string title)
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.SignInAsync(login, DemoKestrelApp.Password);

        (await page.Locator("[data-testid=home-title]").InnerTextAsync()).ShouldBe(title);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "home-" + login);

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.ArriveAtAsync("/account/sign-in");
    }

    [Fact]
    public async Task A_Baogou_clerk_gets_404_for_a_Binhu_resident_that_county_staff_open()
    {
        var binhuResident = await app.ResidentOfAsync("滨湖镇");
        await using var clerkContext = await browser.NewContextAsync(app.BaseAddress);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.SignInAsync("tz-baogou", DemoKestrelApp.Password);

        var denied = await clerk.GotoAsync($"/residents/{binhuResident}");
        denied!.Status.ShouldBe(404);
        (await clerk.Locator("h1").InnerTextAsync()).ShouldBe("页面不存在");

        await using var staffContext = await browser.NewContextAsync(app.BaseAddress);
        var staff = await staffContext.NewPageAsync();
        await staff.SignInAsync("tz-staff", DemoKestrelApp.Password);
        // The reveal button works once the circuit is connected; a click on the prerendered page would be lost.
        var opened = await staff.OpenAsync($"/residents/{binhuResident}");
        opened!.Status.ShouldBe(200);
        (await staff.Locator("[data-testid=citizen-id]").InnerTextAsync()).ShouldContain("********");
        await staff.GetByRole(AriaRole.Button, new() { Name = "显示完整号码" }).ClickAsync();
        await staff.Locator("[data-testid=citizen-id]").Filter(new() { HasNotTextRegex = new System.Text.RegularExpressions.Regex(@"\*") }).WaitForAsync();
        await Screenshots.SaveAsync(staff, "resident-county-staff");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        for (var i = 0; i < 5; i++)
        {
            await page.GetByLabel("登录名").FillAsync("tz-binhu");
            await page.GetByLabel("密码").FillAsync("not-the-password-1");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.Locator("[data-testid=sign-in-error]").WaitForAsync();
        }

        (await page.Locator("[data-testid=sign-in-error]").InnerTextAsync()).ShouldContain("账号已锁定 15 分钟");
        await page.GetByLabel("登录名").FillAsync("tz-binhu");
        await page.GetByLabel("密码").FillAsync(DemoKestrelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        (await page.Locator("[data-testid=sign-in-error]").InnerTextAsync()).ShouldContain("账号已锁定");
        await Screenshots.SaveAsync(page, "sign-in-locked-phone");
    }

    [Fact]
    public async Task A_first_sign_in_must_change_the_password_first()
    {
        await app.ScalarAsync<object>("UPDATE user_accounts SET must_change_password = true WHERE login = 'pb-admin'");
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("登录名").FillAsync("pb-admin");
        await page.GetByLabel("密码").FillAsync(DemoKestrelApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.ArriveAtAsync("/account/change-password");
        (await page.Locator(".notice-warning").InnerTextAsync()).ShouldContain("须先设置自己的新密码");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();

        await page.GotoAsync("/");
        await page.ArriveAtAsync("/account/change-password");

        await page.GetByLabel("当前密码").FillAsync(DemoKestrelApp.Password);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("pubei2024newpw");
        await page.GetByLabel("确认新密码").FillAsync("pubei2024newpw");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新密码" }).ClickAsync();
        await page.ArriveAtAsync("/?password-changed=1");
        (await page.Locator("[data-testid=home-title]").InnerTextAsync()).ShouldBe("县医保局管理员工作台");
    }
}
