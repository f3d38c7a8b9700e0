using Bunit;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Users;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// The list, the account page and the new-county form rendered with bUnit on the real database: the grid and its
/// filters, confirmations before disabling and resetting, the outcome said in a snackbar.
/// </summary>
public sealed class UserPagesComponentTests(UsersApp app) : IClassFixture<UsersApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private AccountsWorld World => app.World;

    private static List<string> Logins(IRenderedComponent<IComponent> page) =>
        [.. page.FindAll("[data-testid=users] tbody [data-login]").Select(e => e.GetAttribute("data-login")!)];

    [Fact]
    public async Task The_list_shows_the_countys_accounts_and_filters_them_on_the_server()
    {
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = session.RenderInLayout<UsersPage>();

        page.WaitForAssertion(() => Logins(page).ShouldContain(World.Tengzhou.BinhuCollector.Login), Wait);
        Logins(page).ShouldNotContain(World.Pubei.Admin.Login);
        page.FindAll("[data-testid=user-filter] label").Select(l => l.GetAttribute("for")).ShouldBe(["filter-q", "filter-role", "filter-jurisdiction", "filter-status"]);
        page.Find("[data-testid=user-count]").TextContent.ShouldMatch(@"^共 \d+ 个账号$");
        page.Find($"tr:has([data-login='{World.Tengzhou.BinhuCollector.Login}'])").TextContent.ShouldContain("滨湖镇 · 滨湖村");
        page.Find($"tr:has([data-login='{World.Tengzhou.BinhuCollector.Login}']) a[data-testid=manage-user]").GetAttribute("href")
            .ShouldBe($"/admin/users/{World.Tengzhou.BinhuCollector.Id}");

        // Other tests of the class add accounts: each filter is checked by what every row shares and what it leaves out.
        await page.PickAsync("filter-role", "镇街医保办经办人");
        page.WaitForAssertion(() => Logins(page).ShouldNotContain(World.Tengzhou.BinhuCollector.Login), Wait);
        Logins(page).ShouldContain(World.Tengzhou.BaogouClerk.Login);
        Logins(page).ShouldContain(World.Tengzhou.BinhuClerk.Login);
        page.FindAll("[data-testid=users] tbody tr").ShouldAllBe(r => r.TextContent.Contains("镇街医保办经办人"));
        page.Find("[data-testid=user-count]").TextContent.ShouldBe($"共 {Logins(page).Count} 个账号");

        await page.PickAsync("filter-role", "全部角色");
        await page.PickAsync("filter-jurisdiction", "鲍沟镇（全镇）");
        page.WaitForAssertion(() => Logins(page).ShouldNotContain(World.Tengzhou.BinhuClerk.Login), Wait);
        Logins(page).ShouldContain(World.Tengzhou.BaogouClerk.Login);
        Logins(page).ShouldContain(World.Tengzhou.BaogouCollector.Login);
        page.FindAll("[data-testid=users] tbody tr").ShouldAllBe(r => r.TextContent.Contains("鲍沟镇"));

        await page.PickAsync("filter-jurisdiction", "全部辖区");
        await page.TypeAsync("filter-q", "binhu-cun");
        page.WaitForAssertion(() => Logins(page).ShouldBe([World.Tengzhou.BinhuCollector.Login]), Wait);

        await page.TypeAsync("filter-q", "无此人");
        page.WaitForAssertion(() => page.Find("[data-testid=no-users]").TextContent.ShouldBe("没有符合条件的账号。"), Wait);
        // The pager speaks Chinese.
        page.Markup.ShouldContain("每页行数");
    }

    [Fact]
    public async Task The_system_admin_lists_county_administrators_with_their_bureau()
    {
        await using var session = await ComponentSession.StartAsync(app, World.SystemAdmin.Login);
        var page = session.RenderInLayout<UsersPage>();

        page.WaitForAssertion(() => Logins(page).ShouldContain(World.Pubei.Admin.Login), Wait);
        Logins(page).ShouldNotContain(World.Tengzhou.Staff.Login);
        page.FindAll("[data-testid=user-filter] label").Select(l => l.GetAttribute("for")).ShouldBe(["filter-q", "filter-tenant", "filter-status"]);
        page.Find($"tr:has([data-login='{World.Pubei.Admin.Login}'])").TextContent.ShouldContain(World.Pubei.Name);
        page.FindAll("a[href='/admin/tenants/new']").ShouldNotBeEmpty();

        await page.PickAsync("filter-tenant", World.Tengzhou.Name);
        page.WaitForAssertion(() => Logins(page).ShouldBe([World.Tengzhou.Admin.Login]), Wait);
    }

    [Fact]
    public async Task Disabling_asks_first_then_says_what_happened_and_enabling_brings_the_account_back()
    {
        var target = await World.AddUserAsync("bunit-disable", UserRole.TownshipStaff, World.Tengzhou, World.Tengzhou.Binhu.Id);
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = session.RenderInLayout<EditUserPage>(new Dictionary<string, object?> { [nameof(EditUserPage.Id)] = target.Id });
        page.WaitForAssertion(() => page.Find("[data-testid=user-name]").TextContent.ShouldBe("bunit-disable（测试）"), Wait);
        page.Find("[data-testid=user-status]").TextContent.ShouldBe("正常");

        await page.InvokeAsync(() => page.Button("停用账号").Click());
        page.WaitForAssertion(() => page.Find(".mud-dialog").TextContent.ShouldContain("该用户将立即退出登录且无法再登录"));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-cancel]").Click());
        page.WaitForAssertion(() => page.FindAll(".mud-dialog").ShouldBeEmpty());
        (await World.ScalarAsync<bool>("SELECT is_active FROM user_accounts WHERE id = $1", target.Id)).ShouldBeTrue("cancelled: nothing changed");

        await page.InvokeAsync(() => page.Button("停用账号").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=dialog-confirm]"));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
        page.WaitForAssertion(() => page.Markup.ShouldContain("账号已停用，该用户已退出登录。"), Wait);
        page.WaitForAssertion(() => page.Find("[data-testid=user-status]").TextContent.ShouldBe("已停用"));
        (await World.ScalarAsync<bool>("SELECT is_active FROM user_accounts WHERE id = $1", target.Id)).ShouldBeFalse();

        await page.InvokeAsync(() => page.Button("启用账号").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=user-status]").TextContent.ShouldBe("正常"), Wait);
        page.Markup.ShouldContain("账号已启用。");
        (await World.ScalarAsync<bool>("SELECT is_active FROM user_accounts WHERE id = $1", target.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Resetting_asks_first_and_shows_the_new_temporary_password_once()
    {
        var target = await World.AddUserAsync("bunit-reset", UserRole.VillageStaff, World.Tengzhou, World.Tengzhou.BinhuVillage.Id);
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = session.RenderInLayout<EditUserPage>(new Dictionary<string, object?> { [nameof(EditUserPage.Id)] = target.Id });
        page.WaitForAssertion(() => page.Find("form[data-testid=reset-password-form]"), Wait);

        await page.TypeAsync("reset-password", target.Login + "2024");
        await page.SubmitAsync("reset-password-form");
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
        page.WaitForAssertion(() => page.MessageBeside("reset-password").ShouldBe("密码不能包含登录名。"), Wait);
        page.FindAll("[data-testid=temporary-password]").ShouldBeEmpty();

        await page.TypeAsync("reset-password", "");
        page.WaitForAssertion(() => page.MessageBeside("reset-password").ShouldBeEmpty());
        await page.SubmitAsync("reset-password-form");
        page.WaitForAssertion(() => page.Find(".mud-dialog").TextContent.ShouldContain("下次登录须修改密码"));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=temporary-password]"), Wait);
        page.Find("[data-testid=temporary-password]").TextContent.ShouldMatch("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$");
        page.Markup.ShouldContain("密码已重置，该用户已退出登录。");
        page.Find("[data-testid=user-status]").TextContent.ShouldBe("待修改密码");
        (await World.ScalarAsync<bool>("SELECT must_change_password FROM user_accounts WHERE id = $1", target.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task An_administrators_own_account_keeps_its_role_and_cannot_be_disabled()
    {
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = session.RenderInLayout<EditUserPage>(new Dictionary<string, object?> { [nameof(EditUserPage.Id)] = World.Tengzhou.Admin.Id });
        page.WaitForAssertion(() => page.Find("[data-testid=activation]"), Wait);

        page.Find("[data-testid=activation]").TextContent.ShouldContain("这是您自己的账号，不能停用。");
        page.FindAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("停用账号");
        page.Find("#role").HasAttribute("disabled").ShouldBeTrue();
        page.Markup.ShouldContain("不能修改自己的角色或辖区，请由其他管理员操作。");
    }

    [Fact]
    public async Task Editing_says_a_jurisdiction_that_does_not_fit_at_once_and_saves_one_that_does()
    {
        var target = await World.AddUserAsync("bunit-move", UserRole.TownshipStaff, World.Tengzhou, World.Tengzhou.Baogou.Id);
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = session.RenderInLayout<EditUserPage>(new Dictionary<string, object?> { [nameof(EditUserPage.Id)] = target.Id });
        page.WaitForAssertion(() => page.Find("form[data-testid=edit-user-form]"), Wait);
        page.Find("#jurisdiction").GetAttribute("value").ShouldBe("鲍沟镇（全镇）");

        await page.PickAsync("jurisdiction", "滨湖镇 · 滨湖村");
        page.WaitForAssertion(() => page.MessageBeside("jurisdiction").ShouldBe("镇街医保办经办人须绑定到镇（街道）。"));
        await page.PickAsync("jurisdiction", "滨湖镇（全镇）");
        await page.TypeAsync("display-name", "滨湖经办丙");
        await page.SubmitAsync("edit-user-form");

        page.WaitForAssertion(() => page.Markup.ShouldContain("账号信息已保存。"), Wait);
        page.WaitForAssertion(() => page.Find("[data-testid=user-name]").TextContent.ShouldBe("滨湖经办丙"));
        (await World.ScalarAsync<string>("SELECT concat_ws('|', display_name, jurisdiction_id) FROM user_accounts WHERE id = $1", target.Id))
            .ShouldBe($"滨湖经办丙|{World.Tengzhou.Binhu.Id}");
    }

    [Fact]
    public async Task The_new_county_form_checks_code_and_region_as_typed_and_shows_the_first_admins_password()
    {
        await using var session = await ComponentSession.StartAsync(app, World.SystemAdmin.Login);
        var page = session.RenderInLayout<NewTenantPage>();
        page.WaitForAssertion(() => page.Find("form[data-testid=new-tenant-form]"), Wait);

        await page.TypeAsync("code", "Weishan");
        page.WaitForAssertion(() => page.MessageBeside("code").ShouldBe("代码须以小写字母开头，只能使用小写字母、数字、下划线和连字符，例如 tengzhou。"));
        await page.TypeAsync("region-code", "37082");
        page.WaitForAssertion(() => page.MessageBeside("region-code").ShouldBe("行政区划代码为 6 位数字，例如 370481。"));
        await page.SubmitAsync("new-tenant-form");
        page.WaitForAssertion(() => page.MessageBeside("name").ShouldBe("请输入医保局名称。"));
        page.MessageBeside("admin-login").ShouldBe("请输入管理员登录名。");

        await page.TypeAsync("name", "微山县医疗保障局");
        await page.TypeAsync("county-name", "微山县");
        await page.TypeAsync("code", "bunit-weishan");
        await page.TypeAsync("region-code", "370826");
        await page.TypeAsync("admin-login", "ws-admin");
        await page.TypeAsync("admin-name", "微山管理员");
        await page.SubmitAsync("new-tenant-form");

        page.WaitForAssertion(() => page.Find("[data-testid=temporary-password]"), Wait);
        page.Find("h1").TextContent.ShouldBe("已创建 微山县医疗保障局");
        (await World.ScalarAsync<long>(
            "SELECT count(*) FROM tenants t JOIN user_accounts u ON u.tenant_id = t.id AND u.login = 'ws-admin' WHERE t.code = 'bunit-weishan'")).ShouldBe(1);
    }
}
