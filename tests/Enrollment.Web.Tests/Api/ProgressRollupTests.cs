using System.Net;
using Enrollment.Data.Payments;
using Enrollment.Testing.Web;
using static Enrollment.Web.Tests.Api.ApiWorld;

namespace Enrollment.Web.Tests.Api;

/// <summary>
/// The rolled-up progress (append-only deltas written in each payment's transaction) against a full recount, after a
/// random mix of every operation that changes who is paid; and the progress API reading it.
/// </summary>
public sealed class ProgressRollupTests(DemoApp app) : IClassFixture<DemoApp>
{
    // Per village and payment day: the deltas' sums, and a recount of the counting payments (state confirmed).
    private const string Mismatches = """
        WITH rolled AS (
            SELECT campaign_id, village_id, paid_on, sum(paid) AS paid, sum(amount) AS amount FROM progress_deltas
            GROUP BY campaign_id, village_id, paid_on HAVING sum(paid) <> 0 OR sum(amount) <> 0),
        counted AS (
            SELECT e.campaign_id, r.village_id, p.paid_on, count(*) AS paid, sum(p.amount) AS amount
            FROM payments p
            JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
            JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            WHERE p.state = 'confirmed'
            GROUP BY e.campaign_id, r.village_id, p.paid_on)
        SELECT count(*) FROM rolled FULL JOIN counted USING (campaign_id, village_id, paid_on)
        WHERE rolled.paid IS DISTINCT FROM counted.paid OR rolled.amount IS DISTINCT FROM counted.amount
        """;

    [Fact]
    public async Task After_a_random_mix_of_operations_the_rollup_equals_a_full_recount()
    {
        (await app.ScalarAsync<long>(Mismatches)).ShouldBe(0, "after the demo load");
        var random = new Random(20241120);
        var tenant = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
        var campaign = await app.ScalarAsync<long>("SELECT id FROM campaigns WHERE code = 'tengzhou-2025'");
        var villages = await app.ScalarAsync<long[]>("""
            SELECT array_agg(id) FROM jurisdictions WHERE level = 'village' AND tenant_id = (SELECT id FROM tenants WHERE code = 'tengzhou')
            """);
        var enrollments = await app.ScalarAsync<long[]>("""
            SELECT array_agg(id) FROM (SELECT e.id FROM enrollments e WHERE e.campaign_id = $1 ORDER BY e.id LIMIT 60) x
            """, campaign);
        await using var db = await ContextAsync(app);
        var payments = new List<long>();
        for (var step = 0; step < 200; step++)
        {
            var enrollment = enrollments[random.Next(enrollments.Length)];
            switch (random.Next(6))
            {
                case 0 or 1:
                    var made = await PaymentService.RecordAsync(db, enrollment, new NewPayment(
                        random.Next(2) == 0 ? "wechat" : "village_collection", $"MIX-{step}", new DateOnly(2024, 11, 1 + random.Next(20)),
                        random.Next(2) == 0 ? 400m : 380m, Confirmed: random.Next(3) > 0), DateTimeOffset.UtcNow);
                    if (made is { } m)
                    {
                        payments.Add(m.PaymentId);
                    }
                    break;
                case 2 when payments.Count > 0:
                    await PaymentService.ChangeAsync(db, payments[random.Next(payments.Count)], PaymentChange.Confirm, null, DateTimeOffset.UtcNow);
                    break;
                case 3 when payments.Count > 0:
                    await PaymentService.ChangeAsync(db, payments[random.Next(payments.Count)], PaymentChange.Reverse, "随机冲正", DateTimeOffset.UtcNow);
                    break;
                case 4 when payments.Count > 0:
                    await PaymentService.ChangeAsync(db, payments[random.Next(payments.Count)], PaymentChange.Refund, null, DateTimeOffset.UtcNow);
                    break;
                case 5:
                    // A paid resident moving takes their count to the new village.
                    await app.ScalarAsync<int>("""
                        UPDATE residents SET village_id = $2 WHERE id = (SELECT resident_id FROM enrollments WHERE id = $1) RETURNING 1
                        """, enrollment, villages[random.Next(villages.Length)]);
                    break;
                default:
                    break;
            }
            if (step == 100)
            {
                await app.ScalarAsync<int>("SELECT progress_compact(0)");
            }
        }
        (await PaymentService.PayFullySubsidisedAsync(db, campaign, new DateOnly(2024, 11, 20), DateTimeOffset.UtcNow)).ShouldBeGreaterThanOrEqualTo(0);
        (await PaymentService.PayFullySubsidisedAsync(db, campaign, new DateOnly(2024, 11, 20), DateTimeOffset.UtcNow)).ShouldBe(0, "idempotent");

        payments.Count.ShouldBeGreaterThan(30);
        (await app.ScalarAsync<long>(Mismatches)).ShouldBe(0);
        // The enrollment state is the same definition as the payments say.
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM enrollments e
            WHERE enrollment_is_paid(e.status) <> EXISTS (SELECT 1 FROM payments p WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id AND p.state = 'confirmed')
            """)).ShouldBe(0);
        // Compacted, the county's figures are a few rows per village and day, and still the same.
        await app.ScalarAsync<int>("SELECT progress_compact(0)");
        (await app.ScalarAsync<long>(Mismatches)).ShouldBe(0);
    }

    [Fact]
    public async Task The_progress_api_counts_a_payment_at_once_with_townships_in_official_order()
    {
        var client = Client(app, await KeyAsync(app));
        async Task<System.Text.Json.Nodes.JsonObject> ProgressAsync()
        {
            var response = await client.GetAsync($"/api/v1/campaigns/{Campaign}/progress");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return await ReadAsync(response);
        }
        var before = await ProgressAsync();
        var person = await UnpaidAsync(app, 40);
        (await PostAsync(client, Body(person, "PROG-1"))).Status.ShouldBe(HttpStatusCode.Created);
        var after = await ProgressAsync();

        ((string)after["campaign"]!).ShouldBe(Campaign);
        ((string)after["as_of"]!).ShouldEndWith("+08:00");
        ((int)after["total"]!["paid"]!).ShouldBe((int)before["total"]!["paid"]! + 1);
        ((int)after["total"]!["paid_today"]!).ShouldBe((int)before["total"]!["paid_today"]! + 1);
        decimal.Parse((string)after["total"]!["amount"]!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(decimal.Parse((string)before["total"]!["amount"]!, System.Globalization.CultureInfo.InvariantCulture) + 400m);
        var townships = after["townships"]!.AsArray();
        var official = await app.ScalarAsync<string[]>("""
            SELECT array_agg(name ORDER BY display_order, name) FROM jurisdictions
            WHERE level = 'township' AND tenant_id = (SELECT id FROM tenants WHERE code = 'tengzhou')
            """);
        townships.Select(t => (string)t!["name"]!).ShouldBe(official);
        townships.Select(t => (int)t!["order"]!).ShouldBe(Enumerable.Range(1, official.Length));
        townships.Sum(t => (int)t!["paid"]!).ShouldBe((int)after["total"]!["paid"]!);
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.code = 'tengzhou-2025'
            WHERE enrollment_is_paid(e.status)
            """)).ShouldBe((long)(int)after["total"]!["paid"]!);
    }

}
