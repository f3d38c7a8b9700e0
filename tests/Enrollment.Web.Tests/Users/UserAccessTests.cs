using System.Net;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// Who reaches user management and what the list holds: other roles get 404 and refused handlers; another county's
/// account answers exactly like a missing one; the list pages, sorts and filters on the server.
/// </summary>
public sealed class UserAccessTests(UsersApp app) : IClassFixture<UsersApp>
{
    private AccountsWorld World => app.World;

    [Fact]
    public async Task Another_tenants_user_answers_404_like_a_missing_one_and_cannot_be_changed()
    {
        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);
        var target = World.Pubei.BaogouClerk;

        var other = await admin.GetAsync($"/admin/users/{target.Id}");
        var missing = await admin.GetAsync("/admin/users/987654321");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await other.Content.ReadAsStringAsync();
        UserTestKit.Parse(body).QuerySelector("h1")!.TextContent.ShouldBe("页面不存在");
        body.ShouldNotContain(target.Login);

        foreach (var id in new[] { target.Id, 987654321L })
        {
            (await app.FindAsync(World.Tengzhou.Admin, id)).ShouldBeNull();
            (await app.SetActiveAsync(World.Tengzhou.Admin, id, active: false)).ShouldBe(UserChange.NotFound);
            (await app.ResetAsync(World.Tengzhou.Admin, id, "taken2024over")).ShouldBe(UserChange.NotFound);
            (await app.UpdateAsync(World.Tengzhou.Admin, id, "改名", UserRole.BureauStaff, null)).ShouldBe(UserChange.NotFound);
        }
        (await World.ScalarAsync<string>("SELECT concat_ws('|', is_active, must_change_password, role, display_name) FROM user_accounts WHERE id = $1", target.Id))
            .ShouldBe("t|f|township_staff|pb-baogou（测试）");
        (await AccountsWorld.SignInAsync(AccountsWorld.NewClient(app), target.Login)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var list = await app.LoginsAsync(World.Tengzhou.Admin);
        list.ShouldContain(World.Tengzhou.BinhuCollector.Login);
        list.ShouldNotContain(World.Pubei.Admin.Login);
        list.ShouldNotContain(World.SystemAdmin.Login);
        // A forged county filter is ignored: still only the administrator's own county.
        (await app.LoginsAsync(World.Tengzhou.Admin, new UserFilter(TenantId: World.Pubei.Id))).ShouldNotContain(World.Pubei.Admin.Login);
    }

    [Fact]
    public async Task Only_administrators_reach_user_management()
    {
        foreach (var user in new[] { World.Tengzhou.Staff, World.Tengzhou.Finance, World.Tengzhou.BaogouClerk, World.Tengzhou.BaogouCollector, World.Tengzhou.Department })
        {
            var client = await AccountsWorld.SignedInClientAsync(app, user);
            (await client.GetAsync("/admin/users")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user.Login);
            (await client.GetAsync("/admin/users/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user.Login);
            (await client.GetAsync($"/admin/users/{World.Tengzhou.BinhuClerk.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user.Login);
            UserTestKit.Parse(await client.GetStringAsync("/")).QuerySelector("a[href='/admin/users']").ShouldBeNull(user.Login);

            await using var session = await app.SessionAsync(user.Login);
            await Should.ThrowAsync<OperationRefusedException>(() => session.Get<UserQueries>().ViewAsync());
            await Should.ThrowAsync<OperationRefusedException>(() => session.Get<UserQueries>().PageAsync(new UserFilter(), UserTestKit.FirstPage));
            await Should.ThrowAsync<OperationRefusedException>(() => session.Get<UserQueries>().FindAsync(World.Tengzhou.BinhuClerk.Id));
            await Should.ThrowAsync<OperationRefusedException>(() => session.Get<UserCommands>().CreateAsync(UserTestKit.Form($"by-{user.Login}", UserRole.BureauStaff)));
            await Should.ThrowAsync<OperationRefusedException>(() => session.Get<UserCommands>().SetActiveAsync(World.Tengzhou.BinhuClerk.Id, false));
            await Should.ThrowAsync<OperationRefusedException>(() => session.Get<UserCommands>().ResetPasswordAsync(World.Tengzhou.BinhuClerk.Id, null));
            await Should.ThrowAsync<OperationRefusedException>(() => session.Get<UserCommands>().UpdateAsync(World.Tengzhou.BinhuClerk.Id, new EditUserForm()));
        }
        (await World.ScalarAsync<string>("SELECT concat_ws('|', is_active, must_change_password) FROM user_accounts WHERE id = $1", World.Tengzhou.BinhuClerk.Id))
            .ShouldBe("t|f");
        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login LIKE 'by-%'")).ShouldBe(0);

        var anonymous = await AccountsWorld.NewClient(app).GetAsync("/admin/users");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.AbsolutePath().ShouldBe("/account/sign-in");

        var admin = await AccountsWorld.SignedInClientAsync(app, World.Tengzhou.Admin);
        UserTestKit.Parse(await admin.GetStringAsync("/")).QuerySelector("a[href='/admin/users']")!.TextContent.Trim().ShouldBe("用户管理");
        (await admin.GetAsync("/admin/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/admin/users/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync($"/admin/users/{World.Tengzhou.BinhuClerk.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_list_filters_by_role_by_jurisdiction_subtree_by_status_and_by_text()
    {
        var admin = World.Tengzhou.Admin;

        var clerks = await app.LoginsAsync(admin, new UserFilter(Role: UserRole.TownshipStaff));
        clerks.ShouldContain(World.Tengzhou.BaogouClerk.Login);
        clerks.ShouldContain(World.Tengzhou.BinhuClerk.Login);
        clerks.ShouldNotContain(World.Tengzhou.BaogouCollector.Login);
        clerks.ShouldNotContain(World.Tengzhou.Admin.Login);

        var baogou = await app.LoginsAsync(admin, new UserFilter(JurisdictionId: World.Tengzhou.Baogou.Id));
        baogou.ShouldContain(World.Tengzhou.BaogouClerk.Login);
        baogou.ShouldContain(World.Tengzhou.BaogouCollector.Login);
        baogou.ShouldNotContain(World.Tengzhou.BinhuClerk.Login);
        baogou.ShouldNotContain(World.Tengzhou.Staff.Login);
        (await app.LoginsAsync(admin, new UserFilter(JurisdictionId: World.Pubei.Baogou.Id))).ShouldBeEmpty("another county's township matches nobody");

        var off = await World.AddUserAsync("filter-off", UserRole.Finance, World.Tengzhou, null, isActive: false);
        var fresh = await World.AddUserAsync("filter-fresh", UserRole.Finance, World.Tengzhou, null, mustChangePassword: true);
        (await app.LoginsAsync(admin, new UserFilter(Status: UserStatus.Disabled))).ShouldBe([off.Login]);
        (await app.LoginsAsync(admin, new UserFilter(Status: UserStatus.MustChangePassword))).ShouldContain(fresh.Login);
        (await app.LoginsAsync(admin, new UserFilter(Status: UserStatus.Normal))).ShouldNotContain(off.Login);
        (await app.LoginsAsync(admin, new UserFilter(Status: UserStatus.Normal))).ShouldNotContain(fresh.Login);

        (await app.LoginsAsync(admin, new UserFilter(Text: "  W-TZ-BINHU-CUN "))).ShouldBe([World.Tengzhou.BinhuCollector.Login], "login search ignores case and spaces");
        (await app.LoginsAsync(admin, new UserFilter(Text: "filter-fresh（测试"))).ShouldBe([fresh.Login], "names are searched too");
        (await app.LoginsAsync(admin, new UserFilter(Text: "%"))).ShouldBeEmpty("a wildcard is a plain character");
    }

    [Fact]
    public async Task The_list_pages_and_sorts_on_the_server_and_names_each_accounts_place()
    {
        await using var session = await app.SessionAsync(World.Tengzhou.Admin.Login);
        var queries = session.Get<UserQueries>();

        var all = await queries.PageAsync(new UserFilter(), UserTestKit.FirstPage);
        var ascending = await queries.PageAsync(new UserFilter(), new GridRequest(0, 200, nameof(UserRow.Login)));
        var descending = await queries.PageAsync(new UserFilter(), new GridRequest(0, 200, nameof(UserRow.Login), Descending: true));
        var second = await queries.PageAsync(new UserFilter(), new GridRequest(1, 3, nameof(UserRow.Login), Descending: true));

        all.Total.ShouldBeGreaterThan(6);
        descending.Items.Select(r => r.Login).ShouldBe(ascending.Items.Select(r => r.Login).Reverse());
        second.Total.ShouldBe(all.Total);
        second.Items.Select(r => r.Login).ShouldBe(descending.Items.Select(r => r.Login).Skip(3).Take(3));
        var byName = await queries.PageAsync(new UserFilter(), new GridRequest(0, 200, nameof(UserRow.DisplayName)));
        byName.Items.Count.ShouldBe(all.Total);
        all.Items.Single(r => r.Login == World.Tengzhou.BaogouCollector.Login).Place.ShouldBe("鲍沟镇 · 鲍沟村");
        all.Items.Single(r => r.Login == World.Tengzhou.BinhuClerk.Login).Place.ShouldBe("滨湖镇");
        all.Items.Single(r => r.Login == World.Tengzhou.Staff.Login).Place.ShouldBe("全县");

        var countyAdmins = await app.AsAsync(World.SystemAdmin, s => s.Get<UserQueries>().PageAsync(new UserFilter(), UserTestKit.FirstPage));
        countyAdmins.Items.Single(r => r.Login == World.Pubei.Admin.Login).Place.ShouldBe(World.Pubei.Name);
    }
}
