using System.Net;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// The user-management pages (issue 4) on a real database: what a county administrator and the system
/// administrator may create and change, and that everything outside their scope answers 404.
/// </summary>
public sealed class UserManagementTests(UsersApp app) : IClassFixture<UsersApp>
{
    private AccountsWorld World => app.World;

    [Fact]
    public async Task County_admin_creates_a_clerk_bound_to_a_township_who_must_change_the_temporary_password()
    {
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);

        var form = AdminForms.Parse(await admin.GetStringAsync("/admin/users/new"));
        var townships = form.QuerySelectorAll("#jurisdiction optgroup").Select(g => g.GetAttribute("label")).ToList();
        townships.ShouldBe(["滨湖镇", "鲍沟镇"], "townships in official order (DisplayOrder), not by id or name");
        form.QuerySelectorAll("#role option").Select(o => o.TextContent).ShouldNotContain("系统管理员");

        var response = await AdminForms.CreateUserAsync(admin, "BG-Clerk1", nameof(UserRole.TownshipStaff), World.Tengzhou.Baogou.Id, name: "鲍沟经办甲");
        var page = AdminForms.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var password = page.QuerySelector("[data-testid=temporary-password]")!.TextContent;
        password.Length.ShouldBeGreaterThanOrEqualTo(10);
        (await World.ScalarAsync<string>(
            "SELECT concat_ws('|', tenant_id, jurisdiction_id, role, must_change_password, is_active) FROM user_accounts WHERE login = 'bg-clerk1'"))
            .ShouldBe($"{World.Tengzhou.Id}|{World.Tengzhou.Baogou.Id}|township_staff|t|t");
        (await World.ScalarAsync<long>(
            "SELECT count(*) FROM system_audit_log WHERE entity = 'user_accounts' AND action = 'insert' AND actor = $1 AND after->>'login' = 'bg-clerk1'",
            World.Tengzhou.Admin.Login)).ShouldBe(1);
        (await World.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE after::text LIKE '%' || $1 || '%'", password)).ShouldBe(0);

        var clerk = AccountsWorld.NewClient(app);
        (await AccountsWorld.SignInAsync(clerk, "bg-clerk1", password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await clerk.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.AbsolutePath().ShouldBe("/account/change-password");
    }

    [Fact]
    public async Task Jurisdiction_must_fit_the_role_and_errors_show_in_Chinese_next_to_the_field()
    {
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);

        var noTownship = AdminForms.Parse(await (await AdminForms.CreateUserAsync(admin, "no-township", nameof(UserRole.TownshipStaff))).Content.ReadAsStringAsync());
        AdminForms.MessageFor(noTownship, "jurisdiction").ShouldBe("镇街经办人和村（社区）征缴员必须指定所属辖区。");

        var collectorOnTownship = AdminForms.Parse(await (await AdminForms.CreateUserAsync(
            admin, "collector-x", nameof(UserRole.VillageStaff), World.Tengzhou.Binhu.Id)).Content.ReadAsStringAsync());
        AdminForms.MessageFor(collectorOnTownship, "jurisdiction").ShouldBe("村（社区）征缴员须绑定到村（社区）。");

        var otherTenantsTownship = AdminForms.Parse(await (await AdminForms.CreateUserAsync(
            admin, "clerk-x", nameof(UserRole.TownshipStaff), World.Pubei.Baogou.Id)).Content.ReadAsStringAsync());
        AdminForms.MessageFor(otherTenantsTownship, "jurisdiction").ShouldBe("请从列表中选择辖区。");

        var weak = AdminForms.Parse(await (await AdminForms.CreateUserAsync(
            admin, "weak-pw", nameof(UserRole.BureauStaff), password: "short1")).Content.ReadAsStringAsync());
        AdminForms.MessageFor(weak, "temporary-password").ShouldContain("密码至少需要 10 位。");

        var missing = AdminForms.Parse(await (await AdminForms.CreateUserAsync(admin, "", nameof(UserRole.BureauStaff), name: "")).Content.ReadAsStringAsync());
        AdminForms.MessageFor(missing, "login").ShouldBe("请输入登录名。");
        AdminForms.MessageFor(missing, "display-name").ShouldBe("请输入姓名。");

        var taken = AdminForms.Parse(await (await AdminForms.CreateUserAsync(admin, World.Pubei.Staff.Login, nameof(UserRole.BureauStaff))).Content.ReadAsStringAsync());
        AdminForms.MessageFor(taken, "login").ShouldBe($"登录名“{World.Pubei.Staff.Login}”已被使用。");

        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login IN ('no-township', 'collector-x', 'clerk-x', 'weak-pw')")).ShouldBe(0);
    }

    [Fact]
    public async Task County_admin_cannot_create_a_system_admin_nor_a_user_of_another_tenant()
    {
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);

        var sysadmin = AdminForms.Parse(await (await AdminForms.CreateUserAsync(admin, "sneaky-root", nameof(UserRole.SystemAdmin))).Content.ReadAsStringAsync());
        AdminForms.MessageFor(sysadmin, "role").ShouldBe("您不能设置该角色。");
        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login = 'sneaky-root'")).ShouldBe(0);

        // A forged tenant field is ignored: a county administrator's accounts are always of their own tenant.
        (await AdminForms.CreateUserAsync(admin, "forged-tenant", nameof(UserRole.BureauStaff), tenantId: World.Pubei.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await World.ScalarAsync<int>("SELECT tenant_id FROM user_accounts WHERE login = 'forged-tenant'")).ShouldBe(World.Tengzhou.Id);
    }

    [Fact]
    public async Task Another_tenants_user_answers_404_like_a_missing_one_and_cannot_be_changed()
    {
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);
        var target = World.Pubei.BaogouClerk;

        var other = await admin.GetAsync($"/admin/users/{target.Id}");
        var missing = await admin.GetAsync("/admin/users/987654321");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        AdminForms.Parse(await other.Content.ReadAsStringAsync()).QuerySelector("h1")!.TextContent.ShouldBe("页面不存在");
        (await other.Content.ReadAsStringAsync()).ShouldNotContain(target.Login);

        var disable = await AdminForms.SetActiveAsync(admin, target.Id, active: false, tokenFrom: "/admin/users/new");
        disable.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        AdminForms.Parse(await disable.Content.ReadAsStringAsync()).QuerySelector("h1")!.TextContent.ShouldBe("页面不存在");
        (await AdminForms.ResetPasswordAsync(admin, target.Id, "taken2024over", tokenFrom: "/admin/users/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AdminForms.EditAsync(admin, target.Id, "改名", nameof(UserRole.BureauStaff), null, tokenFrom: "/admin/users/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await World.ScalarAsync<string>("SELECT concat_ws('|', is_active, must_change_password, role, display_name) FROM user_accounts WHERE id = $1", target.Id))
            .ShouldBe("t|f|township_staff|pb-baogou（测试）");
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var list = await admin.GetStringAsync("/admin/users");
        list.ShouldContain(World.Tengzhou.BinhuCollector.Login);
        list.ShouldNotContain(World.Pubei.Admin.Login);
        list.ShouldNotContain(World.SystemAdmin.Login);
    }

    [Fact]
    public async Task Only_administrators_reach_user_management()
    {
        foreach (var user in new[] { World.Tengzhou.Staff, World.Tengzhou.Finance, World.Tengzhou.BaogouClerk, World.Tengzhou.BaogouCollector })
        {
            var client = await AccountsWorld.SignedInClientAsync(app, user);
            (await client.GetAsync("/admin/users")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user.Login);
            (await client.GetAsync($"/admin/users/{World.Tengzhou.BinhuClerk.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user.Login);
            AdminForms.Parse(await client.GetStringAsync("/")).QuerySelector("a[href='/admin/users']").ShouldBeNull(user.Login);
        }
        var anonymous = await AccountsWorld.NewClient(app).GetAsync("/admin/users");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.AbsolutePath().ShouldBe("/account/sign-in");

        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);
        AdminForms.Parse(await admin.GetStringAsync("/")).QuerySelector("a[href='/admin/users']")!.TextContent.ShouldBe("用户管理");
    }

    [Fact]
    public async Task The_list_filters_by_role_and_by_jurisdiction_subtree()
    {
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);

        var clerks = Logins(await admin.GetStringAsync("/admin/users?role=TownshipStaff"));
        clerks.ShouldContain(World.Tengzhou.BaogouClerk.Login);
        clerks.ShouldContain(World.Tengzhou.BinhuClerk.Login);
        clerks.ShouldNotContain(World.Tengzhou.BaogouCollector.Login);
        clerks.ShouldNotContain(World.Tengzhou.Admin.Login);

        var baogou = Logins(await admin.GetStringAsync($"/admin/users?jurisdiction={World.Tengzhou.Baogou.Id}"));
        baogou.ShouldContain(World.Tengzhou.BaogouClerk.Login);
        baogou.ShouldContain(World.Tengzhou.BaogouCollector.Login);
        baogou.ShouldNotContain(World.Tengzhou.BinhuClerk.Login);
        baogou.ShouldNotContain(World.Tengzhou.Staff.Login);

        var page = AdminForms.Parse(await admin.GetStringAsync("/admin/users"));
        page.QuerySelector(".table-responsive table[data-testid=users]").ShouldNotBeNull();
        page.QuerySelectorAll("label").Select(l => l.GetAttribute("for")).ShouldBe(["filter-q", "filter-role", "filter-jurisdiction"]);
    }

    [Fact]
    public async Task Disabling_signs_the_user_out_and_enabling_lets_them_back_in()
    {
        var target = await World.AddUserAsync("disable-me", UserRole.TownshipStaff, World.Tengzhou, World.Tengzhou.Binhu.Id);
        var session = await AccountsWorld.SignedInClientAsync(app, target);
        AdminForms.Parse(await session.GetStringAsync("/")).QuerySelector("[data-testid=home-title]").ShouldNotBeNull();
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);

        var disabled = AdminForms.Parse(await (await AdminForms.SetActiveAsync(admin, target.Id, active: false)).Content.ReadAsStringAsync());

        disabled.QuerySelector("[data-testid=user-done]")!.TextContent.ShouldBe("账号已停用，该用户已退出登录。");
        disabled.QuerySelector("[data-testid=user-status]")!.TextContent.ShouldBe("已停用");
        AdminForms.Parse(await session.GetStringAsync("/")).QuerySelector("[data-testid=home-title]").ShouldBeNull("the open session is signed out");
        var again = AdminForms.Parse(await (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login)).Content.ReadAsStringAsync());
        again.QuerySelector("[data-testid=sign-in-error]")!.TextContent.ShouldBe("登录名或密码不正确。");

        var enabled = AdminForms.Parse(await (await AdminForms.SetActiveAsync(admin, target.Id, active: true)).Content.ReadAsStringAsync());
        enabled.QuerySelector("[data-testid=user-status]")!.TextContent.ShouldBe("正常");
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await World.ScalarAsync<long>(
            "SELECT count(*) FROM system_audit_log WHERE entity = 'user_accounts' AND action = 'update' AND actor = $1 AND after->>'login' = $2",
            World.Tengzhou.Admin.Login, target.Login)).ShouldBe(2);
    }

    [Fact]
    public async Task Reset_signs_the_user_out_and_forces_a_change_at_the_next_sign_in()
    {
        var target = await World.AddUserAsync("reset-me", UserRole.VillageStaff, World.Tengzhou, World.Tengzhou.BaogouVillage.Id);
        var session = await AccountsWorld.SignedInClientAsync(app, target);
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);

        var reset = AdminForms.Parse(await (await AdminForms.ResetPasswordAsync(admin, target.Id)).Content.ReadAsStringAsync());
        var password = reset.QuerySelector("[data-testid=temporary-password]")!.TextContent;

        AdminForms.Parse(await session.GetStringAsync("/")).QuerySelector("[data-testid=home-title]").ShouldBeNull("the open session is signed out");
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login, target.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password no longer works");
        var client = AccountsWorld.NewClient(app);
        (await AccountsWorld.SignInAsync(client, target.Login, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).Headers.Location!.AbsolutePath().ShouldBe("/account/change-password");

        var weak = AdminForms.Parse(await (await AdminForms.ResetPasswordAsync(admin, target.Id, target.Login + "2024")).Content.ReadAsStringAsync());
        AdminForms.MessageFor(weak, "reset-password").ShouldBe("密码不能包含登录名。");
    }

    [Fact]
    public async Task Changing_role_or_jurisdiction_renews_the_stamp_and_an_admin_cannot_lock_themselves_out()
    {
        var target = await World.AddUserAsync("move-me", UserRole.TownshipStaff, World.Tengzhou, World.Tengzhou.Baogou.Id);
        var session = await AccountsWorld.SignedInClientAsync(app, target);
        var stamp = await World.ScalarAsync<string>("SELECT security_stamp FROM user_accounts WHERE id = $1", target.Id);
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);

        var moved = AdminForms.Parse(await (await AdminForms.EditAsync(admin, target.Id, "滨湖经办乙", nameof(UserRole.TownshipStaff), World.Tengzhou.Binhu.Id)).Content.ReadAsStringAsync());

        moved.QuerySelector("[data-testid=user-done]")!.TextContent.ShouldBe("账号信息已保存。");
        (await World.ScalarAsync<string>("SELECT concat_ws('|', jurisdiction_id, display_name) FROM user_accounts WHERE id = $1", target.Id))
            .ShouldBe($"{World.Tengzhou.Binhu.Id}|滨湖经办乙");
        (await World.ScalarAsync<string>("SELECT security_stamp FROM user_accounts WHERE id = $1", target.Id)).ShouldNotBe(stamp);
        AdminForms.Parse(await session.GetStringAsync("/")).QuerySelector("[data-testid=home-title]").ShouldBeNull();

        var self = World.Tengzhou.Admin.Id;
        var demote = AdminForms.Parse(await (await AdminForms.EditAsync(admin, self, "管理员", nameof(UserRole.BureauStaff), null)).Content.ReadAsStringAsync());
        AdminForms.MessageFor(demote, "role").ShouldBe("不能修改自己的角色或辖区，请由其他管理员操作。");
        var disableSelf = AdminForms.Parse(await (await AdminForms.SetActiveAsync(admin, self, active: false)).Content.ReadAsStringAsync());
        disableSelf.QuerySelector(".alert-danger")!.TextContent.ShouldBe("不能停用自己的账号。");
        (await World.ScalarAsync<string>("SELECT concat_ws('|', role, is_active) FROM user_accounts WHERE id = $1", self)).ShouldBe("bureau_admin|t");
    }

    [Fact]
    public async Task System_admin_creates_a_tenant_with_its_county_root_and_first_admin()
    {
        var sysadmin = await AccountsWorld.SignedInClientAsync(app, World.SystemAdmin);

        var response = await AdminForms.PostAsync(sysadmin, "/admin/tenants/new", "new-tenant", new Dictionary<string, string>
        {
            ["Input.Name"] = "曲阜市医疗保障局",
            ["Input.CountyName"] = "曲阜市",
            ["Input.Code"] = "qufu-test",
            ["Input.RegionCode"] = "370881",
            ["Input.AdminLogin"] = "qf-first-admin",
            ["Input.AdminDisplayName"] = "曲阜管理员",
            ["Input.AdminPassword"] = "",
        });
        var page = AdminForms.Parse(await response.Content.ReadAsStringAsync());
        var password = page.QuerySelector("[data-testid=temporary-password]")!.TextContent;

        var tenantId = await World.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'qufu-test' AND name = '曲阜市医疗保障局' AND region_code = '370881'");
        (await World.ScalarAsync<string>("SELECT concat_ws('|', level, name, path) FROM jurisdictions WHERE tenant_id = $1", tenantId))
            .ShouldStartWith("county|曲阜市|/");
        (await World.ScalarAsync<string>("SELECT concat_ws('|', tenant_id, role, must_change_password, jurisdiction_id IS NULL) FROM user_accounts WHERE login = 'qf-first-admin'"))
            .ShouldBe($"{tenantId}|bureau_admin|t|t");
        (await World.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE entity = 'tenants' AND action = 'insert' AND actor = $1", World.SystemAdmin.Login)).ShouldBe(1);

        var firstAdmin = AccountsWorld.NewClient(app);
        (await AccountsWorld.SignInAsync(firstAdmin, "qf-first-admin", password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await firstAdmin.GetAsync("/admin/users")).Headers.Location!.AbsolutePath().ShouldBe("/account/change-password");

        var duplicate = AdminForms.Parse(await (await AdminForms.PostAsync(sysadmin, "/admin/tenants/new", "new-tenant", new Dictionary<string, string>
        {
            ["Input.Name"] = "重复", ["Input.CountyName"] = "重复县", ["Input.Code"] = "qufu-test",
            ["Input.AdminLogin"] = "qf-first-admin", ["Input.AdminDisplayName"] = "重复",
        })).Content.ReadAsStringAsync());
        AdminForms.MessageFor(duplicate, "code").ShouldBe("代码“qufu-test”已被使用。");
        AdminForms.MessageFor(duplicate, "admin-login").ShouldBe("登录名“qf-first-admin”已被使用。");
    }

    [Fact]
    public async Task System_admin_manages_county_administrators_only()
    {
        var sysadmin = await AccountsWorld.SignedInClientAsync(app, World.SystemAdmin);

        var list = Logins(await sysadmin.GetStringAsync("/admin/users"));
        list.ShouldContain(World.Tengzhou.Admin.Login);
        list.ShouldContain(World.Pubei.Admin.Login);
        list.ShouldNotContain(World.Tengzhou.BaogouClerk.Login);
        list.ShouldNotContain(World.Tengzhou.Staff.Login);
        (await sysadmin.GetAsync($"/admin/users/{World.Tengzhou.BaogouClerk.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var form = AdminForms.Parse(await sysadmin.GetStringAsync("/admin/users/new"));
        form.QuerySelectorAll("#role option").Select(o => o.TextContent).ShouldBe(["县医保局管理员"]);
        form.QuerySelector("#jurisdiction").ShouldBeNull("the system administrator reads no jurisdictions");

        (await AdminForms.CreateUserAsync(sysadmin, "pb-second-admin", nameof(UserRole.BureauAdmin), tenantId: World.Pubei.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await World.ScalarAsync<string>("SELECT concat_ws('|', tenant_id, role) FROM user_accounts WHERE login = 'pb-second-admin'"))
            .ShouldBe($"{World.Pubei.Id}|bureau_admin");
        var clerk = AdminForms.Parse(await (await AdminForms.CreateUserAsync(
            sysadmin, "pb-clerk-by-root", nameof(UserRole.TownshipStaff), World.Pubei.Baogou.Id, tenantId: World.Pubei.Id)).Content.ReadAsStringAsync());
        AdminForms.MessageFor(clerk, "role").ShouldBe("您不能设置该角色。");

        // A county administrator's tenant page is not the system administrator's: 404 for a non-system-admin.
        var countyAdmin = await AccountsWorld.SignedInClientAsync(app, World.Pubei.Admin);
        (await countyAdmin.GetAsync("/admin/tenants/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static List<string> Logins(string html) =>
        AdminForms.Parse(html).QuerySelectorAll("table[data-testid=users] tbody tr").Select(r => r.GetAttribute("data-login")!).ToList();
}
