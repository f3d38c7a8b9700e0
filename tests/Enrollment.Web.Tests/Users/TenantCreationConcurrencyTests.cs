using Enrollment.Testing.Web;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// A tenant, its county root and its first administrator are one transaction: submits racing each other end with
/// one county and one administrator, and every loser gets the Chinese reason, never an error page.
/// </summary>
public sealed class TenantCreationConcurrencyTests(UsersApp app) : IClassFixture<UsersApp>
{
    [Fact]
    public async Task Four_parallel_submits_with_one_code_create_one_tenant_and_tell_the_others_why()
    {
        var outcomes = await RaceAsync(i => Form("race-code", $"race-admin-{i}"));

        outcomes.Count(o => o.Created).ShouldBe(1);
        outcomes.Where(o => !o.Created).SelectMany(o => o.Errors).Distinct().ShouldBe(["代码“race-code”已被使用。"]);
        (await app.World.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE code = 'race-code'")).ShouldBe(1);
        (await app.World.ScalarAsync<long>("SELECT count(*) FROM user_accounts WHERE login LIKE 'race-admin-%'")).ShouldBe(1);
        (await app.World.ScalarAsync<long>("""
            SELECT count(*) FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = 'race-code' AND j.level = 'county'
            """)).ShouldBe(1);
    }

    [Fact]
    public async Task Four_codes_with_one_admin_login_leave_one_tenant_with_its_admin_and_nothing_else()
    {
        var outcomes = await RaceAsync(i => Form($"race-login-{i}", "race-one-admin"));

        outcomes.Count(o => o.Created).ShouldBe(1);
        outcomes.Where(o => !o.Created).SelectMany(o => o.Errors).Distinct().ShouldBe(["登录名“race-one-admin”已被使用。"]);
        (await app.World.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE code LIKE 'race-login-%'")).ShouldBe(1);
        (await app.World.ScalarAsync<long>("""
            SELECT count(*) FROM tenants t JOIN user_accounts u ON u.tenant_id = t.id AND u.login = 'race-one-admin'
            WHERE t.code LIKE 'race-login-%'
            """)).ShouldBe(1);
        (await app.World.ScalarAsync<long>("""
            SELECT count(*) FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code LIKE 'race-login-%'
            """)).ShouldBe(1);
    }

    private static NewTenantForm Form(string code, string login) => new()
    {
        Code = code, Name = "竞争测试医疗保障局", CountyName = "竞争县", RegionCode = "370881",
        AdminLogin = login, AdminDisplayName = "竞争管理员", AdminPassword = "",
    };

    private sealed record Outcome(bool Created, List<string> Errors);

    /// <summary>Four submits as the system administrator, each in a session (a circuit) of its own, released together.</summary>
    private async Task<Outcome[]> RaceAsync(Func<int, NewTenantForm> form)
    {
        using var start = new Barrier(4);
        return await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await using var session = await app.SessionAsync(app.World.SystemAdmin.Login);
            var commands = session.Get<TenantCommands>();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var answer = await commands.CreateAsync(form(i));
            return new Outcome(answer.Created is not null, [.. answer.Errors.Select(e => e.Message)]);
        })));
    }
}
