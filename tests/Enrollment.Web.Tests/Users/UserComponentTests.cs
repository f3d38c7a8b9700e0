using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Users;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// The account forms rendered with bUnit on the real database: messages in Chinese beside their fields as the
/// administrator types and picks, the jurisdiction choices grouped by township, the temporary password shown once.
/// </summary>
public sealed class UserComponentTests(UsersApp app) : IClassFixture<UsersApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private AccountsWorld World => app.World;

    private static IRenderedComponent<IComponent> OpenNewUser(ComponentSession session)
    {
        var page = session.RenderInLayout<NewUserPage>();
        page.WaitForAssertion(() => page.Find("form[data-testid=new-user-form]"), Wait);
        return page;
    }

    [Fact]
    public async Task The_new_user_form_says_what_is_wrong_as_it_is_typed_and_stores_nothing()
    {
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = OpenNewUser(session);

        await page.TypeAsync("login", "ab");
        page.WaitForAssertion(() => page.MessageBeside("login").ShouldBe("登录名长度须为 3 到 64 个字符。"));
        await page.TypeAsync("login", "wang jb!");
        page.WaitForAssertion(() => page.MessageBeside("login").ShouldBe("登录名只能使用字母、数字、点、下划线和连字符。"));
        await page.TypeAsync("login", "");
        page.WaitForAssertion(() => page.MessageBeside("login").ShouldBe("请输入登录名。"));
        await page.TypeAsync("login", "typed-check");
        page.WaitForAssertion(() => page.MessageBeside("login").ShouldBeEmpty());

        await page.SubmitAsync("new-user-form");
        page.WaitForAssertion(() =>
        {
            page.MessageBeside("display-name").ShouldBe("请输入姓名。");
            page.MessageBeside("role").ShouldBe("请选择角色。");
        });

        // A collector bound to a township is said at once, beside the picker; a village fits.
        await page.PickAsync("role", "村（社区）征缴员");
        await page.PickAsync("jurisdiction", "滨湖镇（全镇）");
        page.WaitForAssertion(() => page.MessageBeside("jurisdiction").ShouldBe("村（社区）征缴员须绑定到村（社区）。"));
        await page.TypeAsync("display-name", "核对员");
        await page.SubmitAsync("new-user-form");
        page.WaitForAssertion(() => page.MessageBeside("jurisdiction").ShouldBe("村（社区）征缴员须绑定到村（社区）。"));
        await page.PickAsync("jurisdiction", "滨湖镇 · 滨湖村");
        page.WaitForAssertion(() => page.MessageBeside("jurisdiction").ShouldBeEmpty());

        await page.TypeAsync("temporary-password", "short1");
        await page.SubmitAsync("new-user-form");
        page.WaitForAssertion(() => page.MessageBeside("temporary-password").ShouldContain("密码至少需要 10 位。"), Wait);
        page.FindAll("[data-testid=temporary-password]").ShouldBeEmpty();
        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login = 'typed-check'")).ShouldBe(0);
    }

    [Fact]
    public async Task Jurisdictions_are_grouped_by_township_in_official_order_and_no_one_may_be_made_system_admin()
    {
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = OpenNewUser(session);

        (await page.OptionsAsync("jurisdiction")).ShouldBe(["全县（不限辖区）", "滨湖镇（全镇）", "滨湖镇 · 滨湖村", "鲍沟镇（全镇）", "鲍沟镇 · 鲍沟村"]);
        page.FindAll(".mud-popover-open [role=option].jurisdiction-township").Select(o => o.TextContent.Trim()).ShouldBe(["滨湖镇（全镇）", "鲍沟镇（全镇）"]);
        page.FindAll(".mud-popover-open [role=option].jurisdiction-village").Count.ShouldBe(2);
        await page.InvokeAsync(() => page.FindAll(".mud-popover-open [role=option]")[0].Click());

        var roles = await page.OptionsAsync("role");
        roles.ShouldContain("镇街医保办经办人");
        roles.ShouldNotContain("系统管理员");
    }

    [Fact]
    public async Task Creating_shows_the_temporary_password_once_with_a_copy_button()
    {
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = OpenNewUser(session);

        await page.TypeAsync("login", "bunit-clerk");
        await page.TypeAsync("display-name", "组件经办");
        await page.PickAsync("role", "镇街医保办经办人");
        await page.PickAsync("jurisdiction", "鲍沟镇（全镇）");
        await page.SubmitAsync("new-user-form");

        page.WaitForAssertion(() => page.Find("[data-testid=temporary-password]"), Wait);
        var password = page.Find("[data-testid=temporary-password]").TextContent;
        page.Find("[data-testid=temporary-password-notice]").TextContent.ShouldContain("组件经办（登录名 bunit-clerk）的临时密码");
        page.Markup.ShouldContain("临时密码只显示这一次");
        (await World.ScalarAsync<string>("SELECT concat_ws('|', role, jurisdiction_id, must_change_password) FROM user_accounts WHERE login = 'bunit-clerk'"))
            .ShouldBe($"township_staff|{World.Tengzhou.Baogou.Id}|t");

        var copy = page.Find("button[aria-label=复制临时密码]");
        await page.InvokeAsync(() => copy.Click());
        session.Context.JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments.ShouldBe([password]);
        page.WaitForAssertion(() => page.Markup.ShouldContain("临时密码已复制。"));

        await page.InvokeAsync(() => page.Find("[data-testid=create-another]").Click());
        page.WaitForAssertion(() => page.Find("form[data-testid=new-user-form]"));
        page.FindAll("[data-testid=temporary-password]").ShouldBeEmpty("shown once: a new form forgets it");
        page.Find("#login").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public async Task A_taken_login_is_said_beside_the_field_until_the_login_is_changed()
    {
        await using var session = await ComponentSession.StartAsync(app, World.Tengzhou.Admin.Login);
        var page = OpenNewUser(session);

        await page.TypeAsync("login", World.Pubei.Staff.Login);
        await page.TypeAsync("display-name", "重名");
        await page.PickAsync("role", "财政工作人员");
        await page.SubmitAsync("new-user-form");

        page.WaitForAssertion(() => page.MessageBeside("login").ShouldBe($"登录名“{World.Pubei.Staff.Login}”已被使用。"), Wait);
        await page.TypeAsync("login", "not-taken-yet");
        page.WaitForAssertion(() => page.MessageBeside("login").ShouldBeEmpty());
        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE display_name = '重名'")).ShouldBe(0);
    }

    [Fact]
    public async Task The_system_admin_picks_a_county_bureau_and_gives_only_the_county_administrator_role()
    {
        await using var session = await ComponentSession.StartAsync(app, World.SystemAdmin.Login);
        var page = OpenNewUser(session);

        page.FindAll("#jurisdiction").ShouldBeEmpty("the system administrator reads no jurisdictions");
        (await page.OptionsAsync("role")).ShouldBe(["县医保局管理员"]);
        await page.InvokeAsync(() => page.FindAll(".mud-popover-open [role=option]")[0].Click());

        await page.TypeAsync("login", "bunit-pb-admin");
        await page.TypeAsync("display-name", "浦北第二管理员");
        await page.SubmitAsync("new-user-form");
        page.WaitForAssertion(() => page.MessageBeside("tenant").ShouldBe("请选择县级医保局。"), Wait);

        await page.PickAsync("tenant", World.Pubei.Name);
        page.WaitForAssertion(() => page.MessageBeside("tenant").ShouldBeEmpty());
        await page.SubmitAsync("new-user-form");
        page.WaitForAssertion(() => page.Find("[data-testid=temporary-password]"), Wait);
        (await World.ScalarAsync<string>("SELECT concat_ws('|', tenant_id, role) FROM user_accounts WHERE login = 'bunit-pb-admin'"))
            .ShouldBe($"{World.Pubei.Id}|bureau_admin");
    }
}
