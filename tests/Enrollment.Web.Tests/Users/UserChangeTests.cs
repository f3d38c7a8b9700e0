using System.Net;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// Disabling, enabling, resetting and moving an account through the page's handlers: whatever changes credentials,
/// status, role or jurisdiction signs the user's open sessions out, and an administrator cannot lock themselves out.
/// </summary>
public sealed class UserChangeTests(UsersApp app) : IClassFixture<UsersApp>
{
    private AccountsWorld World => app.World;

    private static async Task<bool> SignedInAsync(HttpClient session) =>
        UserTestKit.Parse(await session.GetStringAsync("/")).QuerySelector("[data-testid=home-title]") is not null;

    [Fact]
    public async Task Disabling_signs_the_user_out_and_enabling_lets_them_back_in()
    {
        var target = await World.AddUserAsync("disable-me", UserRole.TownshipStaff, World.Tengzhou, World.Tengzhou.Binhu.Id);
        var session = await AccountsWorld.SignedInClientAsync(app, target);
        (await SignedInAsync(session)).ShouldBeTrue();

        (await app.SetActiveAsync(World.Tengzhou.Admin, target.Id, active: false)).Ok.ShouldBeTrue();

        (await app.FindAsync(World.Tengzhou.Admin, target.Id))!.Status.ShouldBe(UserStatus.Disabled);
        UserText.Name(UserStatus.Disabled).ShouldBe("已停用");
        (await SignedInAsync(session)).ShouldBeFalse("the open session is signed out");
        var again = UserTestKit.Parse(await (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login)).Content.ReadAsStringAsync());
        again.QuerySelector("[data-testid=sign-in-error]")!.TextContent.ShouldBe("登录名或密码不正确。连续 5 次错误，账号将锁定 15 分钟。");

        (await app.SetActiveAsync(World.Tengzhou.Admin, target.Id, active: true)).Ok.ShouldBeTrue();
        (await app.FindAsync(World.Tengzhou.Admin, target.Id))!.Status.ShouldBe(UserStatus.Normal);
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await World.ScalarAsync<long>(
            "SELECT count(*) FROM system_audit_log WHERE entity = 'user_accounts' AND action = 'update' AND actor = $1 AND after->>'login' = $2",
            World.Tengzhou.Admin.Login, target.Login)).ShouldBe(2);
    }

    [Fact]
    public async Task Reset_signs_the_user_out_lifts_a_lockout_and_forces_a_change_at_the_next_sign_in()
    {
        var target = await World.AddUserAsync("reset-me", UserRole.VillageStaff, World.Tengzhou, World.Tengzhou.BaogouVillage.Id);
        var session = await AccountsWorld.SignedInClientAsync(app, target);
        var inAnHour = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1);
        await World.ScalarAsync<int>("UPDATE user_accounts SET lockout_end = $2, access_failed_count = 5 WHERE id = $1 RETURNING 1", target.Id, inAnHour);
        (await app.FindAsync(World.Tengzhou.Admin, target.Id))!.Status.ShouldBe(UserStatus.LockedOut);

        var reset = await app.ResetAsync(World.Tengzhou.Admin, target.Id);

        reset.Ok.ShouldBeTrue();
        var password = reset.Password.ShouldNotBeNull();
        (await SignedInAsync(session)).ShouldBeFalse("the open session is signed out");
        (await app.FindAsync(World.Tengzhou.Admin, target.Id))!.Status.ShouldBe(UserStatus.MustChangePassword);
        (await World.ScalarAsync<string>("SELECT concat_ws('|', lockout_end IS NULL, access_failed_count, must_change_password) FROM user_accounts WHERE id = $1", target.Id))
            .ShouldBe("t|0|t");
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login, target.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password no longer works");
        var client = AccountsWorld.NewClient(app);
        (await AccountsWorld.SignInAsync(client, target.Login, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).Headers.Location!.AbsolutePath().ShouldBe("/account/change-password");

        var weak = await app.ResetAsync(World.Tengzhou.Admin, target.Id, target.Login + "2024");
        weak.Found.ShouldBeTrue();
        weak.Password.ShouldBeNull();
        weak.Errors.On(nameof(ResetPasswordForm.TemporaryPassword)).ShouldBe(["密码不能包含登录名。"]);
        (await app.ResetAsync(World.Tengzhou.Admin, target.Id, new string('a', 129))).Errors.On(nameof(ResetPasswordForm.TemporaryPassword))
            .ShouldBe(["密码不能超过 128 个字符。"]);
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a refused reset changes nothing");
    }

    [Fact]
    public async Task Changing_role_or_jurisdiction_renews_the_stamp_and_an_admin_cannot_lock_themselves_out()
    {
        var target = await World.AddUserAsync("move-me", UserRole.TownshipStaff, World.Tengzhou, World.Tengzhou.Baogou.Id);
        var session = await AccountsWorld.SignedInClientAsync(app, target);
        var stamp = await World.ScalarAsync<string>("SELECT security_stamp FROM user_accounts WHERE id = $1", target.Id);

        (await app.UpdateAsync(World.Tengzhou.Admin, target.Id, "滨湖经办乙", UserRole.TownshipStaff, World.Tengzhou.Binhu.Id)).Ok.ShouldBeTrue();

        (await World.ScalarAsync<string>("SELECT concat_ws('|', jurisdiction_id, display_name) FROM user_accounts WHERE id = $1", target.Id))
            .ShouldBe($"{World.Tengzhou.Binhu.Id}|滨湖经办乙");
        (await World.ScalarAsync<string>("SELECT security_stamp FROM user_accounts WHERE id = $1", target.Id)).ShouldNotBe(stamp);
        (await SignedInAsync(session)).ShouldBeFalse();

        var self = World.Tengzhou.Admin.Id;
        (await app.UpdateAsync(World.Tengzhou.Admin, self, "管理员", UserRole.BureauStaff, null)).Errors.On(nameof(EditUserForm.Role))
            .ShouldBe(["不能修改自己的角色或辖区，请由其他管理员操作。"]);
        (await app.SetActiveAsync(World.Tengzhou.Admin, self, active: false)).Errors.On("").ShouldBe(["不能停用自己的账号。"]);
        (await World.ScalarAsync<string>("SELECT concat_ws('|', role, is_active) FROM user_accounts WHERE id = $1", self)).ShouldBe("bureau_admin|t");
    }

    [Fact]
    public async Task Renaming_alone_keeps_the_session_and_a_bad_edit_changes_nothing()
    {
        var target = await World.AddUserAsync("rename-me", UserRole.VillageStaff, World.Tengzhou, World.Tengzhou.BinhuVillage.Id);
        var session = await AccountsWorld.SignedInClientAsync(app, target);

        (await app.UpdateAsync(World.Tengzhou.Admin, target.Id, "  滨湖村征缴员  ", UserRole.VillageStaff, World.Tengzhou.BinhuVillage.Id)).Ok.ShouldBeTrue();
        (await World.ScalarAsync<string>("SELECT display_name FROM user_accounts WHERE id = $1", target.Id)).ShouldBe("滨湖村征缴员");
        (await SignedInAsync(session)).ShouldBeTrue("a new name is no new scope");

        var bad = await app.UpdateAsync(World.Tengzhou.Admin, target.Id, "", UserRole.VillageStaff, World.Tengzhou.Binhu.Id);
        bad.Errors.On(nameof(EditUserForm.DisplayName)).ShouldBe(["请输入姓名。"]);
        bad.Errors.On(nameof(EditUserForm.JurisdictionId)).ShouldBe(["村（社区）征缴员须绑定到村（社区）。"]);
        (await app.UpdateAsync(World.Tengzhou.Admin, target.Id, "无角色", null, World.Tengzhou.BinhuVillage.Id)).Errors.On(nameof(EditUserForm.Role))
            .ShouldBe(["请选择角色。"]);
        (await app.UpdateAsync(World.Tengzhou.Admin, target.Id, "升为系统管理员", UserRole.SystemAdmin, null)).Errors.On(nameof(EditUserForm.Role))
            .ShouldBe(["您不能设置该角色。"]);
        (await World.ScalarAsync<string>("SELECT concat_ws('|', display_name, role, jurisdiction_id) FROM user_accounts WHERE id = $1", target.Id))
            .ShouldBe($"滨湖村征缴员|village_staff|{World.Tengzhou.BinhuVillage.Id}");
        (await SignedInAsync(session)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_system_admin_renames_resets_and_disables_county_administrators_but_no_one_else()
    {
        var countyAdmin = await World.AddUserAsync("pb-admin-two", UserRole.BureauAdmin, World.Pubei, null);

        (await app.UpdateAsync(World.SystemAdmin, countyAdmin.Id, "浦北管理员乙", UserRole.BureauAdmin, World.Pubei.Baogou.Id)).Ok.ShouldBeTrue();
        (await World.ScalarAsync<string>("SELECT concat_ws('|', display_name, role, jurisdiction_id IS NULL) FROM user_accounts WHERE id = $1", countyAdmin.Id))
            .ShouldBe("浦北管理员乙|bureau_admin|t", "the system administrator binds no jurisdiction");
        (await app.UpdateAsync(World.SystemAdmin, countyAdmin.Id, "浦北管理员乙", UserRole.BureauStaff, null)).Errors.On(nameof(EditUserForm.Role))
            .ShouldBe(["您不能设置该角色。"]);
        (await app.ResetAsync(World.SystemAdmin, countyAdmin.Id)).Password.ShouldNotBeNull();
        (await app.SetActiveAsync(World.SystemAdmin, countyAdmin.Id, active: false)).Ok.ShouldBeTrue();
        (await World.ScalarAsync<string>("SELECT concat_ws('|', role, is_active, must_change_password) FROM user_accounts WHERE id = $1", countyAdmin.Id))
            .ShouldBe("bureau_admin|f|t");

        (await app.UpdateAsync(World.SystemAdmin, World.Pubei.Staff.Id, "改名", UserRole.BureauAdmin, null)).ShouldBe(UserChange.NotFound);
        (await app.SetActiveAsync(World.SystemAdmin, World.Pubei.BaogouClerk.Id, active: false)).ShouldBe(UserChange.NotFound);
        (await app.ResetAsync(World.SystemAdmin, World.Pubei.Finance.Id)).ShouldBe(UserChange.NotFound);
        (await app.SetActiveAsync(World.SystemAdmin, World.SystemAdmin.Id, active: false)).ShouldBe(UserChange.NotFound, "system administrators are nobody's to manage");
        (await World.ScalarAsync<long>(
            "SELECT count(*) FROM user_accounts WHERE id IN ($1, $2, $3, $4) AND is_active AND NOT must_change_password AND display_name LIKE '%（测试）'",
            World.Pubei.Staff.Id, World.Pubei.BaogouClerk.Id, World.Pubei.Finance.Id, World.SystemAdmin.Id)).ShouldBe(4);
    }
}
