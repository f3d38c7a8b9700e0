using AngleSharp.Html.Parser;
using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Tests.Home;

/// <summary>
/// Progress ("paid" = a confirmed payment that was not reversed) on the demo, with one reversal added: the rewritten
/// query gives the numbers the previous one gave, in every scope, and the county home shows them.
/// </summary>
public sealed class ProgressTests(DemoApp app) : IClassFixture<DemoApp>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2024, 11, 20);
    private static readonly HtmlParser Parser = new();

    public async Task InitializeAsync()
    {
        // Reverse one confirmed payment in 鲍沟镇's first village (idempotent across the class's tests), and date one
        // other payment today so "paid today" is not zero.
        await app.ScalarAsync<int>("""
            WITH target AS (
                SELECT p.* FROM payments p
                JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
                JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
                JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
                WHERE v.id = (SELECT village_id FROM residents WHERE id = $1) AND p.confirmed_at IS NOT NULL AND p.reversal_of_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM payments x WHERE x.reversal_of_id IS NOT NULL)
                ORDER BY p.id LIMIT 1)
            INSERT INTO payments (tenant_id, enrollment_id, amount, channel_code, paid_on, recorded_at, confirmed_at, reversal_of_id)
            SELECT tenant_id, enrollment_id, -amount, channel_code, paid_on, now(), now(), id FROM target
            RETURNING 1
            """, await app.ResidentOfAsync("鲍沟镇"));
        await app.ScalarAsync<int>("""
            UPDATE payments SET paid_on = '2024-11-20'
            WHERE id = (SELECT max(p.id) FROM payments p JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
                        JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
                        WHERE c.code = 'tengzhou-2025' AND p.confirmed_at IS NOT NULL AND p.reversal_of_id IS NULL)
            RETURNING 1
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("鲍沟镇")]
    [InlineData("鲍沟镇/first village")]
    public async Task Paid_by_village_is_what_the_previous_query_counted(string? scope)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.AppConnectionStringFor(app.DatabaseName));
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource),
            TenantContext.For(await TenantAsync(), "test", jurisdictionPath: await PathAsync(scope)), CitizenIdHasher.FromBase64(TestKeys.IdHashKey));
        var campaign = (await CampaignProgress.CurrentAsync(db))!;

        var now = await CampaignProgress.PaidByVillageAsync(db, campaign.Id, Today);
        var before = await PreviousPaidByVillageAsync(db, campaign.Id, Today);

        now.Values.OrderBy(v => v.VillageId).ShouldBe(before.OrderBy(v => v.VillageId));
        now.Values.Sum(v => v.Paid).ShouldBeGreaterThan(0);
        if (scope is null)
        {
            now.Values.Sum(v => v.PaidToday).ShouldBeGreaterThan(0);
        }
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE reversal_of_id IS NOT NULL")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_county_home_totals_are_the_confirmed_unreversed_payers()
    {
        var expected = await app.ScalarAsync<long>("""
            SELECT count(DISTINCT p.enrollment_id) FROM payments p
            JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            WHERE c.code = 'tengzhou-2025' AND p.confirmed_at IS NOT NULL AND p.reversal_of_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.tenant_id = p.tenant_id AND r.reversal_of_id = p.id)
            """);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-staff");

        var home = Parser.ParseDocument(await client.GetStringAsync("/"));

        home.QuerySelector("[data-testid=township-progress] tfoot td:nth-child(4)")!.TextContent.ShouldBe(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_figures_are_shared_for_a_minute_and_say_when_they_were_counted()
    {
        var staff = app.NewClient();
        await DemoApp.SignInAsync(staff, "tz-staff");
        var admin = app.NewClient();
        await DemoApp.SignInAsync(admin, "tz-admin");

        // Two county users at once: one count, the same figures and the same time for both.
        var pages = await Task.WhenAll(staff.GetStringAsync("/"), admin.GetStringAsync("/"));
        var first = Parser.ParseDocument(pages[0]);
        var second = Parser.ParseDocument(pages[1]);
        var countedAt = first.QuerySelector("[data-testid=counted-at]")!.TextContent;
        countedAt.ShouldMatch(@"（\d\d:\d\d 统计，每分钟更新）");
        second.QuerySelector("[data-testid=counted-at]")!.TextContent.ShouldBe(countedAt);
        var total = first.QuerySelector("[data-testid=township-progress] tfoot td:nth-child(4)")!.TextContent;
        second.QuerySelector("[data-testid=township-progress] tfoot td:nth-child(4)")!.TextContent.ShouldBe(total);

        // A township clerk's scope is counted on its own, not read from the county's figures.
        var clerk = app.NewClient();
        await DemoApp.SignInAsync(clerk, "tz-baogou");
        var local = Parser.ParseDocument(await clerk.GetStringAsync("/"));
        local.QuerySelector("[data-testid=counted-at]")!.TextContent.ShouldContain("统计，每分钟更新");
        local.QuerySelector("[data-testid=local-totals]")!.TextContent.ShouldNotContain(total);
    }

    /// <summary>The definition before the NOT IN rewrite (a NOT EXISTS through the filtered payments), for comparison.</summary>
    private static async Task<List<VillagePaid>> PreviousPaidByVillageAsync(EnrollmentDbContext db, long campaignId, DateOnly today) =>
        await db.Payments.Where(p => p.Enrollment!.CampaignId == campaignId
                && p.ConfirmedAt != null
                && p.ReversalOfId == null
                && !db.Payments.Any(r => r.ReversalOfId == p.Id))
            .GroupBy(p => p.Enrollment!.Resident!.VillageId)
            .Select(g => new VillagePaid(
                g.Key,
                g.Select(p => p.EnrollmentId).Distinct().Count(),
                g.Where(p => p.PaidOn == today).Select(p => p.EnrollmentId).Distinct().Count()))
            .ToListAsync();

    private Task<int> TenantAsync() => app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");

    private async Task<string?> PathAsync(string? scope) => scope switch
    {
        null => null,
        "鲍沟镇" => await app.ScalarAsync<string>("SELECT path FROM jurisdictions WHERE level = 'township' AND name = '鲍沟镇'"),
        _ => await app.ScalarAsync<string>("SELECT v.path FROM residents r JOIN jurisdictions v ON v.id = r.village_id WHERE r.id = $1",
            await app.ResidentOfAsync("鲍沟镇")),
    };
}
