using System.Diagnostics;
using System.Globalization;
using System.Net;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Enrollment.Web.Tests.Home;

/// <summary>
/// The home page of county staff, a township clerk, a village collector and finance on the full generated 滕州
/// (docs/performance.md, "Home pages"), through the whole app: sign-in cookie, tenant scope, both tenancy walls,
/// the Razor render. The first GET after the app starts is "cold" for the app (query compilation, JIT) and for
/// PostgreSQL when the caller restarted it with the database's files evicted; the rest are warm. Each request's
/// SQL is printed with EF's own timing of each command, for EXPLAIN. Adds three accounts (<c>measure-…</c>).
/// </summary>
public sealed class HomeScaleMeasurement(ITestOutputHelper output)
{
    public const string DatabaseVariable = "ENROLLMENT_HOME_DB";
    internal const string Password = "measure2024pass";
    private const int WarmRuns = 10;

    [ScaleTheory(DatabaseVariable)]
    [InlineData("county")]
    [InlineData("township")]
    [InlineData("village")]
    [InlineData("finance")]
    public async Task Home_page_on_the_generated_county(string who)
    {
        // ENROLLMENT_HOME_ROLE=township measures that page alone, e.g. first after PostgreSQL restarted cold.
        if (Environment.GetEnvironmentVariable("ENROLLMENT_HOME_ROLE") is { Length: > 0 } only && only != who)
        {
            return;
        }
        var owner = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString)
        {
            Database = Environment.GetEnvironmentVariable(DatabaseVariable)!,
        }.ConnectionString;
        var login = await EnsureAccountAsync(owner, who);

        await using var app = new GeneratedCountyApp(owner);
        var client = AccountsWorld.NewClient(app);
        (await AccountsWorld.SignInAsync(client, login, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var warm = new List<double>();
        for (var run = 0; run <= WarmRuns; run++)
        {
            app.Commands.Clear();
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync("/");
            var html = await response.Content.ReadAsStringAsync();
            watch.Stop();
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            html.ShouldContain(who switch { "county" => "township-progress", "finance" => "subsidy-summary", _ => "village-progress" });

            var ms = watch.Elapsed.TotalMilliseconds;
            if (run > 0)
            {
                warm.Add(ms);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{who} {(run == 0 ? "cold" : "warm " + run)}: {ms:0.0} ms (load {load}); SQL {string.Join(" + ", app.Commands.Select(c => c.Milliseconds))} ms"));
            if (run is 0 or 1)
            {
                foreach (var command in app.Commands)
                {
                    output.WriteLine($"  -- {command.Milliseconds} ms\n  {command.Sql.Replace("\n", "\n  ", StringComparison.Ordinal)}");
                }
            }
        }
        warm.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{who} warm: median {warm[warm.Count / 2]:0.0} ms, min {warm[0]:0.0}, max {warm[^1]:0.0} ({warm.Count} runs)"));
    }

    /// <summary>
    /// The account for <paramref name="who"/>: county staff (whole tenant); the clerk of the township with the most
    /// residents and the collector of that township's biggest village, the worst cases of their roles.
    /// </summary>
    internal static async Task<string> EnsureAccountAsync(string owner, string who)
    {
        var login = "measure-" + who;
        await using var dataSource = NpgsqlDataSource.Create(owner);
        await using (var exists = dataSource.CreateCommand("SELECT count(*) FROM user_accounts WHERE login = $1"))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = login });
            if ((long)(await exists.ExecuteScalarAsync())! > 0)
            {
                return login;
            }
        }

        int tenantId;
        long? township = null, village = null;
        await using (var command = dataSource.CreateCommand("""
            WITH per_village AS (
                SELECT r.village_id, count(*) AS n FROM residents r
                JOIN tenants t ON t.id = r.tenant_id WHERE t.code = 'tengzhou' GROUP BY r.village_id)
            SELECT v.tenant_id, v.parent_id, v.id
            FROM per_village p JOIN jurisdictions v ON v.id = p.village_id
            ORDER BY sum(p.n) OVER (PARTITION BY v.parent_id) DESC, p.n DESC, v.id
            LIMIT 1
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).ShouldBeTrue("no residents: run enrollment generate first");
            tenantId = reader.GetInt32(0);
            township = reader.GetInt64(1);
            village = reader.GetInt64(2);
        }

        var (role, scope) = who switch
        {
            "county" => (UserRole.BureauStaff, (long?)null),
            "finance" => (UserRole.Finance, null),
            "township" => (UserRole.TownshipStaff, township),
            "village" => (UserRole.VillageStaff, village),
            _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
        };
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), TenantContext.For(tenantId, "measure"));
        var user = new UserAccount
        {
            Login = login,
            DisplayName = $"{who}（测量）",
            Role = role,
            TenantId = tenantId,
            JurisdictionId = scope,
            MustChangePassword = false,
        };
        user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, Password);
        db.UserAccounts.Add(user);
        await db.SaveChangesAsync();
        return login;
    }
}
