using Bunit;
using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Home;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Tests.Components;
using Npgsql;

namespace Enrollment.Web.Tests.Home;

/// <summary>
/// Progress ("paid" = a confirmed payment that was not reversed) on the demo, with one reversal added: the query
/// counts what the definition, written out in SQL on its own, counts in every scope, and the homes show it.
/// </summary>
public sealed class ProgressTests(DemoApp app) : IClassFixture<DemoApp>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2024, 11, 20);

    public async Task InitializeAsync()
    {
        // Reverse one confirmed payment in 鲍沟镇's first village (idempotent across the class's tests), and date one
        // other payment today so "paid today" is not zero.
        // Through the payment functions, as the app writes payments, so the enrollments and the rollup follow.
        await app.ScalarAsync<string>("""
            WITH target AS (
                SELECT p.* FROM payments p
                JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
                JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
                JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
                WHERE v.id = (SELECT village_id FROM residents WHERE id = $1) AND p.state = 'confirmed'
                  AND NOT EXISTS (SELECT 1 FROM payments x WHERE x.state = 'reversed')
                ORDER BY p.id LIMIT 1)
            SELECT payment_change(tenant_id, id, 'reverse', '测试冲正', NULL, now()) FROM target
            UNION ALL SELECT 'none' LIMIT 1
            """, await app.ResidentOfAsync("鲍沟镇"));
        var today = await app.ScalarAsync<long>("""
            SELECT max(p.id) FROM payments p JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            WHERE c.code = 'tengzhou-2025' AND p.state = 'confirmed'
            """);
        await app.ScalarAsync<int>("UPDATE payments SET paid_on = '2024-11-20' WHERE id = $1 RETURNING 1", today);
        await app.ScalarAsync<string>("""
            SELECT 'refreshed' FROM payments p, enrollment_refresh_payment_state(p.tenant_id, ARRAY[p.enrollment_id]) WHERE p.id = $1
            """, today);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("鲍沟镇")]
    [InlineData("鲍沟镇/first village")]
    public async Task Paid_by_village_counts_the_confirmed_unreversed_payers_of_the_scope(string? scope)
    {
        var path = await PathAsync(scope);
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.AppConnectionStringFor(app.DatabaseName));
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource),
            TenantContext.For(await TenantAsync(), "test", jurisdictionPath: path), CitizenIdHasher.FromBase64(TestKeys.IdHashKey));
        var campaign = (await CampaignProgress.CurrentAsync(db))!;

        var counted = await CampaignProgress.PaidByVillageAsync(db, campaign.Id, Today);

        // The definition written out in SQL on its own: a confirmed payment, not itself a reversal, that no reversal
        // points at; distinct residents per village of the scope; "today" by the payment's date.
        var expected = await ExpectedAsync(campaign.Id, path);
        counted.Values.OrderBy(v => v.VillageId).Select(v => (v.VillageId, v.Paid, v.PaidToday))
            .ShouldBe(expected.OrderBy(v => v.VillageId));
        counted.Values.Sum(v => v.Paid).ShouldBeGreaterThan(0);
        if (scope is null)
        {
            counted.Values.Sum(v => v.PaidToday).ShouldBeGreaterThan(0);
        }
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE state = 'reversed'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_county_home_totals_are_the_confirmed_unreversed_payers()
    {
        var expected = await app.ScalarAsync<long>("""
            SELECT count(DISTINCT p.enrollment_id) FROM payments p
            JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            WHERE c.code = 'tengzhou-2025' AND p.state = 'confirmed'
            """);
        await using var session = await app.SessionAsync("tz-staff");

        var county = (await session.Get<HomeQueries>().CountyAsync())!;

        county.Townships.Sum(t => t.Paid).ShouldBe((int)expected);
        county.Townships.Select(t => t.Order).ShouldBe(Enumerable.Range(1, county.Townships.Count));
        // Townships in official order.
        var official = await app.ScalarAsync<string>("""
            SELECT string_agg(j.name, ',' ORDER BY j.display_order, j.name) FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id
            WHERE t.code = 'tengzhou' AND j.level = 'township'
            """);
        string.Join(",", county.Townships.Select(t => t.Name)).ShouldBe(official);

        // And the page shows that total in the grid's 合计 row.
        await using var component = await ComponentSession.StartAsync(app, "tz-staff");
        var home = component.Render<CountyHome>();
        home.WaitForAssertion(() => home.Find("[data-testid=township-progress] tfoot").TextContent
            .ShouldContain(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_figures_are_shared_for_a_minute_and_say_when_they_were_counted()
    {
        await using var staff = await app.SessionAsync("tz-staff");
        await using var admin = await app.SessionAsync("tz-admin");

        // Two county users at once: one count, the same figures and the same time for both.
        var both = await Task.WhenAll(staff.Get<HomeQueries>().CountyAsync(), admin.Get<HomeQueries>().CountyAsync());
        both[1]!.CountedAt.ShouldBe(both[0]!.CountedAt);
        both[1]!.Townships.ShouldBe(both[0]!.Townships);
        CountedAt.Text(both[0]!.CountedAt).ShouldMatch(@"（\d\d:\d\d 统计，每分钟更新）");

        // A township clerk's scope is counted on its own, not read from the county's figures.
        await using var clerk = await app.SessionAsync("tz-baogou");
        var local = (await clerk.Get<HomeQueries>().LocalAsync())!;
        local.Villages.Sum(v => v.Paid).ShouldBeLessThan(both[0]!.Townships.Sum(t => t.Paid));
        local.Villages.Sum(v => v.Paid).ShouldBe(both[0]!.Townships.Single(t => t.Name == "鲍沟镇").Paid);
    }

    private async Task<List<(long VillageId, int Paid, int PaidToday)>> ExpectedAsync(long campaignId, string? path)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(app.DatabaseName));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.village_id,
                   count(DISTINCT p.enrollment_id)::int,
                   count(DISTINCT p.enrollment_id) FILTER (WHERE p.paid_on = $3)::int
            FROM payments p
            JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
            JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
            WHERE e.campaign_id = $1 AND p.state = 'confirmed'
              AND ($2::text IS NULL OR v.path LIKE $2 || '%')
            GROUP BY r.village_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)path ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Today });
        var rows = new List<(long, int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2)));
        }
        return rows;
    }

    private Task<int> TenantAsync() => app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");

    private async Task<string?> PathAsync(string? scope) => scope switch
    {
        null => null,
        "鲍沟镇" => await app.ScalarAsync<string>("SELECT path FROM jurisdictions WHERE level = 'township' AND name = '鲍沟镇'"),
        _ => await app.ScalarAsync<string>("SELECT v.path FROM residents r JOIN jurisdictions v ON v.id = r.village_id WHERE r.id = $1",
            await app.ResidentOfAsync("鲍沟镇")),
    };
}
