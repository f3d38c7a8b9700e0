using System.Net;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// Creating accounts through the page's handlers on a real database: what a county administrator may create, in
/// which jurisdiction, and that every refusal says why in Chinese beside its field and stores nothing.
/// </summary>
public sealed class UserManagementTests(UsersApp app) : IClassFixture<UsersApp>
{
    private AccountsWorld World => app.World;

    [Fact]
    public async Task County_admin_creates_a_clerk_bound_to_a_township_who_must_change_the_temporary_password()
    {
        var view = await app.AsAsync(World.Tengzhou.Admin, s => s.Get<UserQueries>().ViewAsync());
        view.Choices.Townships.Select(t => t.Name).ShouldBe(["滨湖镇", "鲍沟镇"], "townships in official order (DisplayOrder), not by id or name");
        view.Choices.Townships[1].Villages.Select(v => v.Name).ShouldBe(["鲍沟村"]);
        view.AssignableRoles.ShouldNotContain(UserRole.SystemAdmin);

        var answer = await app.CreateAsync(World.Tengzhou.Admin, UserTestKit.Form("BG-Clerk1", UserRole.TownshipStaff, World.Tengzhou.Baogou.Id, name: "鲍沟经办甲"));

        answer.Errors.ShouldBeEmpty();
        var created = answer.Created.ShouldNotBeNull();
        created.Login.ShouldBe("bg-clerk1");
        var password = created.Password;
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
    public async Task Jurisdiction_must_fit_the_role_and_errors_are_said_in_Chinese_beside_the_field()
    {
        var admin = World.Tengzhou.Admin;

        (await app.CreateAsync(admin, UserTestKit.Form("no-township", UserRole.TownshipStaff))).Errors.On(nameof(NewUserForm.JurisdictionId))
            .ShouldBe(["镇街经办人和村（社区）征缴员必须指定所属辖区。"]);
        (await app.CreateAsync(admin, UserTestKit.Form("collector-x", UserRole.VillageStaff, World.Tengzhou.Binhu.Id))).Errors.On(nameof(NewUserForm.JurisdictionId))
            .ShouldBe(["村（社区）征缴员须绑定到村（社区）。"]);
        (await app.CreateAsync(admin, UserTestKit.Form("clerk-on-village", UserRole.TownshipStaff, World.Tengzhou.BinhuVillage.Id))).Errors.On(nameof(NewUserForm.JurisdictionId))
            .ShouldBe(["镇街医保办经办人须绑定到镇（街道）。"]);
        (await app.CreateAsync(admin, UserTestKit.Form("clerk-x", UserRole.TownshipStaff, World.Pubei.Baogou.Id))).Errors.On(nameof(NewUserForm.JurisdictionId))
            .ShouldBe(["请从列表中选择辖区。"]);
        (await app.CreateAsync(admin, UserTestKit.Form("weak-pw", UserRole.BureauStaff, password: "short1"))).Errors.On(nameof(NewUserForm.TemporaryPassword))
            .ShouldContain("密码至少需要 10 位。");

        var missing = (await app.CreateAsync(admin, UserTestKit.Form("", null, name: ""))).Errors;
        missing.On(nameof(NewUserForm.Login)).ShouldBe(["请输入登录名。"]);
        missing.On(nameof(NewUserForm.DisplayName)).ShouldBe(["请输入姓名。"]);
        missing.On(nameof(NewUserForm.Role)).ShouldBe(["请选择角色。"]);
        (await app.CreateAsync(admin, UserTestKit.Form("bad login!", UserRole.BureauStaff))).Errors.On(nameof(NewUserForm.Login))
            .ShouldBe(["登录名只能使用字母、数字、点、下划线和连字符。"]);
        (await app.CreateAsync(admin, UserTestKit.Form(World.Pubei.Staff.Login, UserRole.BureauStaff))).Errors.On(nameof(NewUserForm.Login))
            .ShouldBe([$"登录名“{World.Pubei.Staff.Login}”已被使用。"]);

        (await World.ScalarAsync<long>(
            "SELECT count(*) FROM user_accounts WHERE login IN ('no-township', 'collector-x', 'clerk-on-village', 'clerk-x', 'weak-pw', 'bad login!')")).ShouldBe(0);
    }

    [Fact]
    public async Task County_admin_cannot_create_a_system_admin_nor_a_user_of_another_tenant()
    {
        var sysadmin = await app.CreateAsync(World.Tengzhou.Admin, UserTestKit.Form("sneaky-root", UserRole.SystemAdmin));
        sysadmin.Errors.On(nameof(NewUserForm.Role)).ShouldBe(["您不能设置该角色。"]);
        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login = 'sneaky-root'")).ShouldBe(0);

        // A forged tenant field is ignored: a county administrator's accounts are always of their own tenant.
        var forged = await app.CreateAsync(World.Tengzhou.Admin, UserTestKit.Form("forged-tenant", UserRole.BureauStaff, tenantId: World.Pubei.Id));
        forged.Created.ShouldNotBeNull();
        (await World.ScalarAsync<int>("SELECT tenant_id FROM user_accounts WHERE login = 'forged-tenant'")).ShouldBe(World.Tengzhou.Id);
    }

    [Fact]
    public async Task A_typed_temporary_password_is_kept_and_a_generated_one_never_contains_the_login()
    {
        var typed = await app.CreateAsync(World.Tengzhou.Admin, UserTestKit.Form("typed-pw", UserRole.Finance, password: "caiwu2025ok"));
        typed.Created!.Password.ShouldBe("caiwu2025ok");
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), "typed-pw", "caiwu2025ok")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var generated = (await app.CreateAsync(World.Tengzhou.Admin, UserTestKit.Form("gen", UserRole.Finance))).Created!.Password;
        generated.ShouldMatch("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$");
        generated.ShouldNotContain("gen");
    }

    [Fact]
    public async Task A_subtree_admin_binds_accounts_only_inside_their_subtree_and_sees_only_those()
    {
        var subtreeAdmin = await World.AddUserAsync("bg-admin", UserRole.BureauAdmin, World.Tengzhou, World.Tengzhou.Baogou.Id);

        var view = await app.AsAsync(subtreeAdmin, s => s.Get<UserQueries>().ViewAsync());
        view.IsSubtreeAdmin.ShouldBeTrue();
        view.WholeCountyLabel.ShouldBeNull();
        view.Choices.Townships.Select(t => t.Name).ShouldBe(["鲍沟镇"]);

        (await app.CreateAsync(subtreeAdmin, UserTestKit.Form("bg-county-wide", UserRole.BureauStaff))).Errors.On(nameof(NewUserForm.JurisdictionId))
            .ShouldBe(["请选择您管辖范围内的辖区。"]);
        (await app.CreateAsync(subtreeAdmin, UserTestKit.Form("bg-to-binhu", UserRole.TownshipStaff, World.Tengzhou.Binhu.Id))).Errors.On(nameof(NewUserForm.JurisdictionId))
            .ShouldBe(["请从列表中选择辖区。"]);
        (await app.CreateAsync(subtreeAdmin, UserTestKit.Form("bg-cun-new", UserRole.VillageStaff, World.Tengzhou.BaogouVillage.Id))).Created.ShouldNotBeNull();

        var logins = await app.LoginsAsync(subtreeAdmin);
        logins.ShouldContain(World.Tengzhou.BaogouClerk.Login);
        logins.ShouldContain("bg-cun-new");
        logins.ShouldNotContain(World.Tengzhou.BinhuClerk.Login);
        logins.ShouldNotContain(World.Tengzhou.Admin.Login, "a county-wide account lies outside the subtree");
        (await app.FindAsync(subtreeAdmin, World.Tengzhou.BinhuClerk.Id)).ShouldBeNull();
        (await app.SetActiveAsync(subtreeAdmin, World.Tengzhou.BinhuClerk.Id, active: false)).Found.ShouldBeFalse();
        (await app.ResetAsync(subtreeAdmin, World.Tengzhou.Staff.Id)).Found.ShouldBeFalse();
        (await World.ScalarAsync<string>("SELECT concat_ws('|', is_active, must_change_password) FROM user_accounts WHERE id = $1", World.Tengzhou.BinhuClerk.Id))
            .ShouldBe("t|f");
    }

    [Fact]
    public async Task System_admin_manages_county_administrators_only()
    {
        var sysadmin = await AccountsWorld.SignedInClientAsync(app, World.SystemAdmin);

        var list = await app.LoginsAsync(World.SystemAdmin);
        list.ShouldContain(World.Tengzhou.Admin.Login);
        list.ShouldContain(World.Pubei.Admin.Login);
        list.ShouldNotContain(World.Tengzhou.BaogouClerk.Login);
        list.ShouldNotContain(World.Tengzhou.Staff.Login);
        (await app.LoginsAsync(World.SystemAdmin, new UserFilter(TenantId: World.Pubei.Id))).ShouldBe([World.Pubei.Admin.Login]);
        (await app.FindAsync(World.SystemAdmin, World.Tengzhou.BaogouClerk.Id)).ShouldBeNull();
        (await sysadmin.GetAsync($"/admin/users/{World.Tengzhou.BaogouClerk.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var view = await app.AsAsync(World.SystemAdmin, s => s.Get<UserQueries>().ViewAsync());
        view.AssignableRoles.ShouldBe([UserRole.BureauAdmin]);
        view.Choices.Townships.ShouldBeEmpty("the system administrator reads no jurisdictions");
        view.Tenants.Select(t => t.Id).ShouldContain(World.Pubei.Id);

        (await app.CreateAsync(World.SystemAdmin, UserTestKit.Form("pb-second-admin", UserRole.BureauAdmin, tenantId: World.Pubei.Id))).Created.ShouldNotBeNull();
        (await World.ScalarAsync<string>("SELECT concat_ws('|', tenant_id, role, jurisdiction_id IS NULL) FROM user_accounts WHERE login = 'pb-second-admin'"))
            .ShouldBe($"{World.Pubei.Id}|bureau_admin|t");
        (await app.CreateAsync(World.SystemAdmin, UserTestKit.Form("pb-clerk-by-root", UserRole.TownshipStaff, World.Pubei.Baogou.Id, tenantId: World.Pubei.Id)))
            .Errors.On(nameof(NewUserForm.Role)).ShouldBe(["您不能设置该角色。"]);
        (await app.CreateAsync(World.SystemAdmin, UserTestKit.Form("no-tenant-admin", UserRole.BureauAdmin)))
            .Errors.On(nameof(NewUserForm.TenantId)).ShouldBe(["请选择县级医保局。"]);
        (await app.CreateAsync(World.SystemAdmin, UserTestKit.Form("ghost-tenant-admin", UserRole.BureauAdmin, tenantId: 987654)))
            .Errors.On(nameof(NewUserForm.TenantId)).ShouldBe(["请选择县级医保局。"]);
        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login IN ('pb-clerk-by-root', 'no-tenant-admin', 'ghost-tenant-admin')")).ShouldBe(0);
    }
}
