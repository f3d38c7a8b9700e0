using System.Net;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Users;

/// <summary>新建县级医保局 through the page's handler: the tenant, its county root and its first administrator.</summary>
public sealed class TenantCreationTests(UsersApp app) : IClassFixture<UsersApp>
{
    private AccountsWorld World => app.World;

    private Task<TenantCreationResult> CreateAsync(WorldUser user, NewTenantForm form) =>
        app.AsAsync(user, s => s.Get<TenantCommands>().CreateAsync(form));

    private static NewTenantForm Form(string code, string login, string? regionCode = "370881", string password = "") => new()
    {
        Name = "曲阜市医疗保障局", CountyName = "曲阜市", Code = code, RegionCode = regionCode,
        AdminLogin = login, AdminDisplayName = "曲阜管理员", AdminPassword = password,
    };

    [Fact]
    public async Task System_admin_creates_a_tenant_with_its_county_root_and_first_admin()
    {
        var answer = await CreateAsync(World.SystemAdmin, Form("qufu-test", "qf-first-admin"));

        answer.Errors.ShouldBeEmpty();
        var created = answer.Created.ShouldNotBeNull();
        created.Name.ShouldBe("曲阜市医疗保障局");
        var tenantId = await World.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'qufu-test' AND name = '曲阜市医疗保障局' AND region_code = '370881'");
        created.TenantId.ShouldBe(tenantId);
        (await World.ScalarAsync<string>("SELECT concat_ws('|', level, name, path) FROM jurisdictions WHERE tenant_id = $1", tenantId))
            .ShouldStartWith("county|曲阜市|/");
        (await World.ScalarAsync<string>("SELECT concat_ws('|', tenant_id, role, must_change_password, jurisdiction_id IS NULL) FROM user_accounts WHERE login = 'qf-first-admin'"))
            .ShouldBe($"{tenantId}|bureau_admin|t|t");
        (await World.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE entity = 'tenants' AND action = 'insert' AND actor = $1", World.SystemAdmin.Login)).ShouldBe(1);

        var firstAdmin = AccountsWorld.NewClient(app);
        (await AccountsWorld.SignInAsync(firstAdmin, "qf-first-admin", created.Admin.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await firstAdmin.GetAsync("/admin/users")).Headers.Location!.AbsolutePath().ShouldBe("/account/change-password");

        var duplicate = await CreateAsync(World.SystemAdmin, Form("qufu-test", "qf-first-admin"));
        duplicate.Created.ShouldBeNull();
        duplicate.Errors.On(nameof(NewTenantForm.Code)).ShouldBe(["代码“qufu-test”已被使用。"]);
        duplicate.Errors.On(nameof(NewTenantForm.AdminLogin)).ShouldBe(["登录名“qf-first-admin”已被使用。"]);
        (await World.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE code = 'qufu-test'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_form_is_refused_field_by_field_and_writes_nothing()
    {
        var answer = await CreateAsync(World.SystemAdmin, Form("Qufu Bad", "x", regionCode: "37088", password: "short1"));

        answer.Created.ShouldBeNull();
        answer.Errors.On(nameof(NewTenantForm.Code)).ShouldBe(["代码须以小写字母开头，只能使用小写字母、数字、下划线和连字符，例如 tengzhou。"]);
        answer.Errors.On(nameof(NewTenantForm.RegionCode)).ShouldBe(["行政区划代码为 6 位数字，例如 370481。"]);
        answer.Errors.On(nameof(NewTenantForm.AdminLogin)).ShouldBe(["登录名长度须为 3 到 64 个字符。"]);
        (await CreateAsync(World.SystemAdmin, Form("qufu-weak", "qf-weak", password: "short1"))).Errors.On(nameof(NewTenantForm.AdminPassword))
            .ShouldContain("密码至少需要 10 位。");
        (await World.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE code IN ('Qufu Bad', 'qufu-weak')")).ShouldBe(0);
        (await World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login IN ('x', 'qf-weak')")).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_system_administrator_creates_tenants()
    {
        var countyAdmin = await AccountsWorld.SignedInClientAsync(app, World.Pubei.Admin);
        (await countyAdmin.GetAsync("/admin/tenants/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Should.ThrowAsync<OperationRefusedException>(() => CreateAsync(World.Pubei.Admin, Form("by-county-admin", "by-county-admin")));
        await Should.ThrowAsync<OperationRefusedException>(() => CreateAsync(World.Tengzhou.BaogouClerk, Form("by-clerk", "by-clerk")));
        (await World.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE code LIKE 'by-%'")).ShouldBe(0);

        var sysadmin = await AccountsWorld.SignedInClientAsync(app, World.SystemAdmin);
        (await sysadmin.GetAsync("/admin/tenants/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
