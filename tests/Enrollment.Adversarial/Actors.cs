using Enrollment.Data.Entities;
using Enrollment.Testing.Web;

namespace Enrollment.Adversarial;

/// <summary>Who tries: every demo account of every county, and nobody signed in.</summary>
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

    private static UserRole Parse(string snake) =>
        Enum.Parse<UserRole>(string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])));
}
