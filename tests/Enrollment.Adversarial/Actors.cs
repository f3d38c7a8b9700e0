using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Enrollment.Adversarial;

/// <summary>Who tries: every demo account of every county, nobody signed in, and a county administrator bound to a township.</summary>
public sealed record Actor(string Login, UserRole? Role, int? TenantId, string? ScopePath, long? UserId)
{
    public bool SignedIn => Role is not null;

    public override string ToString() => Login;
}

/// <summary>The demo's accounts with their county and subtree, read from the database.</summary>
public static class Actors
{
    public static readonly string[] Logins =
        ["admin", "tz-admin", "tz-staff", "tz-finance", "tz-baogou", "tz-baogou-cun", "tz-binhu", "pb-admin", "qf-xiaoxue"];

    /// <summary>The login of the 鲍沟镇-bound county administrator <see cref="AddSubtreeAdminAsync"/> adds (the demo has none).</summary>
    public const string SubtreeAdmin = "adv-baogou-admin";

    public static async Task<List<Actor>> LoadAsync(DemoApp app)
    {
        var actors = new List<Actor> { new("anonymous", null, null, null, null) };
        foreach (var login in Logins)
        {
            actors.Add(await OneAsync(app, login));
        }
        return actors;
    }

    /// <summary>One account, demo or added by a test, with its county and subtree.</summary>
    public static async Task<Actor> OneAsync(DemoApp app, string login)
    {
        var id = await app.ScalarAsync<long>("SELECT id FROM user_accounts WHERE login = $1", login);
        var role = await app.ScalarAsync<string>("SELECT role FROM user_accounts WHERE login = $1", login);
        var tenant = await app.ScalarAsync<int?>("SELECT tenant_id FROM user_accounts WHERE login = $1", login);
        var path = await app.ScalarAsync<string?>(
            "SELECT j.path FROM user_accounts u JOIN jurisdictions j ON j.tenant_id = u.tenant_id AND j.id = u.jurisdiction_id WHERE u.login = $1", login);
        return new Actor(login, Parse(role), tenant, path, id);
    }

    /// <summary>
    /// Adds a county administrator of 滕州 bound to 鲍沟镇, as a county administrator may create one, with the demo
    /// password and no forced change: they manage 鲍沟镇's accounts, and nothing of the county's configuration.
    /// </summary>
    public static async Task<Actor> AddSubtreeAdminAsync(DemoApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tenant = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
        var township = await app.ScalarAsync<long>("SELECT id FROM jurisdictions WHERE tenant_id = $1 AND level = 'township' AND name = '鲍沟镇'", tenant);
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(app.DatabaseName));
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), TenantContext.For(tenant, "test:adversarial"));
        var user = new UserAccount
        {
            Login = SubtreeAdmin, DisplayName = "鲍沟镇医保办管理员（对抗测试）", Role = UserRole.BureauAdmin, TenantId = tenant,
            JurisdictionId = township, MustChangePassword = false,
        };
        user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, DemoApp.Password);
        db.UserAccounts.Add(user);
        await db.SaveChangesAsync();
        return await OneAsync(app, SubtreeAdmin);
    }

    private static UserRole Parse(string snake) =>
        Enum.Parse<UserRole>(string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])));
}
