using Enrollment.Data.Entities;
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

[Collection(BrowserCollection.Name)]
public sealed class UserManagementJourneyTests(BrowserFixture browser, WorldKestrelApp app) : IClassFixture<WorldKestrelApp>
{
    [Fact]
    public async Task An_administrator_creates_a_clerk_who_signs_in_changes_the_temporary_password_and_lands_on_the_home()
    {
        await using var adminContext = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync(app.World.Tengzhou.Admin.Login, AccountsWorld.Password);

        await admin.GotoAsync("/admin/users");
        (await admin.Locator("table[data-testid=users] tbody tr").CountAsync()).ShouldBeGreaterThan(5);
        (await Accessibility.SeriousViolationsAsync(admin)).ShouldBeEmpty();
        await Screenshots.SaveAsync(admin, "users-list-phone");

        await admin.GetByRole(AriaRole.Link, new() { Name = "新建账号" }).ClickAsync();
        await admin.ArriveAtAsync("/admin/users/new");
        (await Accessibility.SeriousViolationsAsync(admin)).ShouldBeEmpty();
        await admin.GetByLabel("登录名").FillAsync("bg-wang");
        await admin.GetByLabel("姓名").FillAsync("王经办");
        await admin.GetByLabel("角色").SelectOptionAsync(nameof(UserRole.TownshipStaff));
        await admin.GetByLabel("所属辖区").SelectOptionAsync(new SelectOptionValue { Label = "鲍沟镇（全镇）" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        var password = await admin.Locator("[data-testid=temporary-password]").InnerTextAsync();
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

        await admin.GotoAsync("/admin/users?role=TownshipStaff");
        (await admin.Locator("tr[data-login='bg-wang']").InnerTextAsync()).ShouldContain("正常");
        await admin.Locator("tr[data-login='bg-wang']").GetByRole(AriaRole.Link).ClickAsync();
        (await Accessibility.SeriousViolationsAsync(admin)).ShouldBeEmpty();
        await Screenshots.SaveAsync(admin, "user-edit-phone");
    }
}
