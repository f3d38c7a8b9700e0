using System.Net;
using System.Text.RegularExpressions;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Testing.Web;

/// <summary>
/// A small, known world of tenants, jurisdictions and accounts on a test app's database, for role × scope tests:
/// <code>
/// var world = await AccountsWorld.CreateAsync(app);          // once per test class (e.g. in InitializeAsync)
/// var client = await world.SignedInClientAsync(app, world.Tengzhou.BaogouClerk);
/// (await client.GetAsync($"/admin/users/{world.Pubei.Admin.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
/// </code>
/// Two tenants, 滕州 and 浦北, with the same shape on purpose (so a test proves scope is by id, never by name):
/// <list type="bullet">
/// <item>a county root, townships 鲍沟镇 and 滨湖镇 (official order: 滨湖镇 first, <c>DisplayOrder</c> 1, though created
/// second), and one village under each (鲍沟村, 滨湖村);</item>
/// <item>one account per role: county admin, county staff, finance, department staff (whole county), a clerk for
/// each township and a collector for each village;</item>
/// </list>
/// plus a system administrator. Every account has <see cref="Password"/> and no forced change, unless made with
/// <see cref="AddUserAsync"/>. Logins start with the world's prefix (default <c>w-</c>, e.g. <c>w-tz-baogou</c>),
/// so a world can sit next to the demo accounts, and several worlds with different prefixes in one database.
/// Everything is written as the schema owner through the audited <see cref="EnrollmentDbContext"/>.
/// </summary>
public sealed class AccountsWorld
{
    /// <summary>The password of every account the world creates (meets the policy).</summary>
    public const string Password = "world2024pass";

    private readonly string connectionString;
    private readonly string prefix;

    private AccountsWorld(string connectionString, string prefix)
    {
        this.connectionString = connectionString;
        this.prefix = prefix;
    }

    /// <summary>The deployment's system administrator (no tenant).</summary>
    public WorldUser SystemAdmin { get; private set; } = null!;

    /// <summary>滕州-like tenant (code <c>{prefix}tengzhou</c>, logins <c>{prefix}tz-…</c>).</summary>
    public WorldTenant Tengzhou { get; private set; } = null!;

    /// <summary>浦北-like tenant (code <c>{prefix}pubei</c>, logins <c>{prefix}pb-…</c>), the same shape as 滕州.</summary>
    public WorldTenant Pubei { get; private set; } = null!;

    /// <summary>Builds the world on <paramref name="app"/>'s database.</summary>
    public static Task<AccountsWorld> CreateAsync(EnrollmentAppFactory app, string prefix = "w-") =>
        CreateAsync(app.DatabaseName, prefix);

    /// <summary>Builds the world on the test database <paramref name="databaseName"/> (see <see cref="TestPostgres"/>).</summary>
    public static async Task<AccountsWorld> CreateAsync(string databaseName, string prefix = "w-")
    {
        var world = new AccountsWorld(TestPostgres.ConnectionStringFor(databaseName), prefix);
        world.SystemAdmin = await world.AddUserAsync("sysadmin", UserRole.SystemAdmin, tenant: null, jurisdictionId: null);
        world.Tengzhou = await world.AddTenantAsync("tengzhou", "tz", "滕州市医疗保障局（测试）", "滕州市", "370481");
        world.Pubei = await world.AddTenantAsync("pubei", "pb", "浦北县医疗保障局（测试）", "浦北县", "450722");
        return world;
    }

    /// <summary>
    /// Adds one account (login <c>{prefix}{login}</c>) with a known password; <paramref name="tenant"/> null only for a
    /// system administrator. Township clerks and village collectors need a <paramref name="jurisdictionId"/>.
    /// </summary>
    public async Task<WorldUser> AddUserAsync(
        string login, UserRole role, WorldTenant? tenant, long? jurisdictionId,
        string password = Password, bool mustChangePassword = false, bool isActive = true)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), ContextFor(tenant));
        var user = new UserAccount
        {
            Login = (prefix + login).ToLowerInvariant(),
            DisplayName = $"{login}（测试）",
            Role = role,
            TenantId = tenant?.Id,
            JurisdictionId = jurisdictionId,
            MustChangePassword = mustChangePassword,
            IsActive = isActive,
        };
        user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, password);
        db.UserAccounts.Add(user);
        await db.SaveChangesAsync();
        return new WorldUser(user.Id, user.Login, password, role, tenant?.Id, jurisdictionId);
    }

    /// <summary>Runs a scalar SQL query as the schema owner (for asserting on rows and the audit log).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public static HttpClient NewClient(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A new client signed in as <paramref name="user"/>; fails unless the sign-in redirects (succeeds).</summary>
    public static async Task<HttpClient> SignedInClientAsync(WebApplicationFactory<Program> app, WorldUser user)
    {
        var client = NewClient(app);
        var response = await SignInAsync(client, user.Login, user.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {user.Login} answered {(int)response.StatusCode}, not a redirect.");
        }
        return client;
    }

    /// <summary>
    /// Signs <paramref name="client"/> in through the real form (GET the page for the antiforgery token, POST the
    /// fields); returns the POST's response: a redirect on success, the page with an error otherwise.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password = Password)
    {
        var form = await client.GetStringAsync("/account/sign-in");
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["_handler"] = "sign-in",
            ["Input.Login"] = login,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The first antiforgery token in a page's HTML.</summary>
    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    private async Task<WorldTenant> AddTenantAsync(string code, string shortCode, string name, string countyName, string regionCode)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var options = DataServiceCollectionExtensions.CreateOptions(dataSource);
        var tenant = new Tenant { Code = prefix + code, Name = name, RegionCode = regionCode };
        await using (var global = new EnrollmentDbContext(options, ContextFor(null)))
        {
            global.Tenants.Add(tenant);
            await global.SaveChangesAsync();
        }

        await using var db = new EnrollmentDbContext(options, TenantContext.For(tenant.Id, "test:world"));
        var county = Add(db, null, JurisdictionLevel.County, countyName, 0);
        await db.SaveChangesAsync();
        var baogou = Add(db, county, JurisdictionLevel.Township, "鲍沟镇", 2);
        var binhu = Add(db, county, JurisdictionLevel.Township, "滨湖镇", 1);
        await db.SaveChangesAsync();
        var baogouVillage = Add(db, baogou, JurisdictionLevel.Village, "鲍沟村", 1);
        var binhuVillage = Add(db, binhu, JurisdictionLevel.Village, "滨湖村", 1);
        await db.SaveChangesAsync();

        var t = new WorldTenant(tenant.Id, tenant.Code, name,
            new WorldJurisdiction(county.Id, countyName, county.Path),
            new WorldJurisdiction(baogou.Id, "鲍沟镇", baogou.Path),
            new WorldJurisdiction(binhu.Id, "滨湖镇", binhu.Path),
            new WorldJurisdiction(baogouVillage.Id, "鲍沟村", baogouVillage.Path),
            new WorldJurisdiction(binhuVillage.Id, "滨湖村", binhuVillage.Path));
        t.Admin = await AddUserAsync($"{shortCode}-admin", UserRole.BureauAdmin, t, null);
        t.Staff = await AddUserAsync($"{shortCode}-staff", UserRole.BureauStaff, t, null);
        t.Finance = await AddUserAsync($"{shortCode}-finance", UserRole.Finance, t, null);
        t.Department = await AddUserAsync($"{shortCode}-dept", UserRole.DepartmentStaff, t, null);
        t.BaogouClerk = await AddUserAsync($"{shortCode}-baogou", UserRole.TownshipStaff, t, baogou.Id);
        t.BaogouCollector = await AddUserAsync($"{shortCode}-baogou-cun", UserRole.VillageStaff, t, baogouVillage.Id);
        t.BinhuClerk = await AddUserAsync($"{shortCode}-binhu", UserRole.TownshipStaff, t, binhu.Id);
        t.BinhuCollector = await AddUserAsync($"{shortCode}-binhu-cun", UserRole.VillageStaff, t, binhuVillage.Id);
        return t;
    }

    private static Jurisdiction Add(EnrollmentDbContext db, Jurisdiction? parent, JurisdictionLevel level, string name, int order)
    {
        var j = new Jurisdiction { ParentId = parent?.Id, Level = level, Name = name, DisplayOrder = order };
        db.Jurisdictions.Add(j);
        return j;
    }

    private static TenantContext ContextFor(WorldTenant? tenant)
    {
        if (tenant is not null)
        {
            return TenantContext.For(tenant.Id, "test:world");
        }
        var global = new TenantContext();
        global.Identify("test:world");
        return global;
    }
}

/// <summary>An account of an <see cref="AccountsWorld"/>: sign in with <see cref="Login"/> and <see cref="Password"/>.</summary>
public sealed record WorldUser(long Id, string Login, string Password, UserRole Role, int? TenantId, long? JurisdictionId);

/// <summary>A jurisdiction of an <see cref="AccountsWorld"/> tenant: id, name and materialized path (e.g. <c>/1/2/</c>).</summary>
public sealed record WorldJurisdiction(long Id, string Name, string Path);

/// <summary>A tenant of an <see cref="AccountsWorld"/>: its jurisdictions and one account per role.</summary>
public sealed class WorldTenant(
    int id, string code, string name,
    WorldJurisdiction county, WorldJurisdiction baogou, WorldJurisdiction binhu,
    WorldJurisdiction baogouVillage, WorldJurisdiction binhuVillage)
{
    public int Id { get; } = id;

    public string Code { get; } = code;

    public string Name { get; } = name;

    /// <summary>The county root (level County).</summary>
    public WorldJurisdiction County { get; } = county;

    /// <summary>鲍沟镇 (DisplayOrder 2).</summary>
    public WorldJurisdiction Baogou { get; } = baogou;

    /// <summary>滨湖镇 (DisplayOrder 1: first in official order).</summary>
    public WorldJurisdiction Binhu { get; } = binhu;

    /// <summary>鲍沟村, the village under 鲍沟镇.</summary>
    public WorldJurisdiction BaogouVillage { get; } = baogouVillage;

    /// <summary>滨湖村, the village under 滨湖镇.</summary>
    public WorldJurisdiction BinhuVillage { get; } = binhuVillage;

    /// <summary>County administrator (BureauAdmin, whole county).</summary>
    public WorldUser Admin { get; internal set; } = null!;

    /// <summary>County bureau staff (BureauStaff, whole county).</summary>
    public WorldUser Staff { get; internal set; } = null!;

    /// <summary>Finance (whole county).</summary>
    public WorldUser Finance { get; internal set; } = null!;

    /// <summary>Department staff (whole county).</summary>
    public WorldUser Department { get; internal set; } = null!;

    /// <summary>Township clerk bound to 鲍沟镇.</summary>
    public WorldUser BaogouClerk { get; internal set; } = null!;

    /// <summary>Village collector bound to 鲍沟村.</summary>
    public WorldUser BaogouCollector { get; internal set; } = null!;

    /// <summary>Township clerk bound to 滨湖镇.</summary>
    public WorldUser BinhuClerk { get; internal set; } = null!;

    /// <summary>Village collector bound to 滨湖村.</summary>
    public WorldUser BinhuCollector { get; internal set; } = null!;
}
