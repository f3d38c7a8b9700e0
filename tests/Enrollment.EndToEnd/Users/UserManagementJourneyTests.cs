using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Users;

/// <summary>The app on a socket with an <see cref="AccountsWorld"/> (two tenants, one account per role).</summary>
public sealed class WorldKestrelApp : KestrelApp
{
    public AccountsWorld World { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        World = await AccountsWorld.CreateAsync(this);
    }
}

/// <summary>
/// 用户管理 in the browser, on a phone: a county administrator creates a township clerk, who signs in with the
/// temporary password, must change it, and lands on their home page; the administrator then finds the clerk in the
/// list and, on the account's page, disables it after a confirmation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserManagementJourneyTests(BrowserFixture browser, WorldKestrelApp app) : IClassFixture<WorldKestrelApp>
{
    private static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("document.documentElement.scrollWidth");

    [Fact]
    public async Task An_administrator_creates_a_clerk_who_signs_in_changes_the_temporary_password_and_lands_on_the_home()
    {
        await using var adminContext = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync(app.World.Tengzhou.Admin.Login, AccountsWorld.Password);

        await admin.OpenAsync("/admin/users");
        await admin.Locator($"[data-testid=users] [data-login='{app.World.Tengzhou.BinhuCollector.Login}']").WaitForAsync();
        (await admin.Locator("[data-testid=users] tbody tr").CountAsync()).ShouldBeGreaterThan(5);
        (await PageWidthAsync(admin)).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(admin)).ShouldBeEmpty();
        await Screenshots.SaveAsync(admin, "users-list-phone");

        await admin.GetByRole(AriaRole.Link, new() { Name = "新建账号" }).ClickAsync();
        await admin.ArriveAtAsync("/admin/users/new");
        await admin.Locator("#login:focus").WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(admin)).ShouldBeEmpty();
        await admin.GetByLabel("登录名").FillAsync("bg wang");
        await admin.GetByText("登录名只能使用字母、数字、点、下划线和连字符。").WaitForAsync();
        await admin.GetByLabel("登录名").FillAsync("bg-wang");
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "角色" }).ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "镇街医保办经办人" }).ClickAsync();
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "所属辖区" }).ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "鲍沟镇（全镇）" }).ClickAsync();
        await admin.GetByLabel("姓名").FillAsync("王经办");
        // Enter submits the form.
        await admin.GetByLabel("姓名").PressAsync("Enter");
        var password = await admin.Locator("[data-testid=temporary-password]").InnerTextAsync();
        (await admin.GetByRole(AriaRole.Button, new() { Name = "复制临时密码" }).IsVisibleAsync()).ShouldBeTrue();
        (await PageWidthAsync(admin)).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(admin)).ShouldBeEmpty();
        await Screenshots.SaveAsync(admin, "user-created-phone");

        await using var clerkContext = await browser.NewContextAsync(app.BaseAddress);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.GotoAsync("/account/sign-in");
        await clerk.GetByLabel("登录名").FillAsync("bg-wang");
        await clerk.GetByLabel("密码").FillAsync(password);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await clerk.ArriveAtAsync("/account/change-password");

        await clerk.GetByLabel("当前密码").FillAsync(password);
        await clerk.GetByLabel("新密码", new() { Exact = true }).FillAsync("wangjingban2025");
        await clerk.GetByLabel("确认新密码").FillAsync("wangjingban2025");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存新密码" }).ClickAsync();
        await clerk.ArriveAtAsync("/?password-changed=1");
        (await clerk.Locator("[data-testid=home-title]").InnerTextAsync()).ShouldBe("镇街医保办经办人工作台");

        await admin.OpenAsync("/admin/users?role=TownshipStaff");
        var row = admin.Locator("[data-testid=users] tr", new() { Has = admin.Locator("[data-login='bg-wang']") });
        (await row.Locator("[data-testid=user-status]").InnerTextAsync()).ShouldBe("正常");
        await row.GetByRole(AriaRole.Link, new() { Name = "管理 王经办" }).ClickAsync();
        await admin.Locator("[data-testid=user-name]").WaitForAsync();
        (await admin.Locator("[data-testid=user-name]").InnerTextAsync()).ShouldBe("王经办");
        (await PageWidthAsync(admin)).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(admin)).ShouldBeEmpty();
        await Screenshots.SaveAsync(admin, "user-edit-phone");

        await admin.GetByRole(AriaRole.Button, new() { Name = "停用账号" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        (await dialog.InnerTextAsync()).ShouldContain("停用 王经办 的账号？");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "停用账号" }).ClickAsync();
        await admin.GetByText("账号已停用，该用户已退出登录。").WaitForAsync();
        await admin.Locator("[data-testid=user-status]", new() { HasText = "已停用" }).WaitForAsync();
        (await app.World.ScalarAsync<bool>("SELECT is_active FROM user_accounts WHERE login = 'bg-wang'")).ShouldBeFalse();
    }
}
