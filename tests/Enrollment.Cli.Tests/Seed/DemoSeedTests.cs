using Enrollment.Cli.Seed;
using Enrollment.Data.Registry;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Cli.Tests.Seed;

public sealed class DemoSeedTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] Tables =
    [
        "tenants", "jurisdictions", "campaigns", "campaign_phases", "campaign_policy_versions", "quotas", "quota_changes",
        "households", "residents", "enrollments", "payments", "certifications", "exclusions", "user_accounts", "id_hash_registry",
    ];

    [Fact]
    public async Task Seeding_twice_changes_nothing_and_the_demo_is_as_the_documents_say()
    {
        var hasher = CitizenIdHasher.FromBase64(TestKeys.IdHashKey);
        await DemoSeeder.SeedAsync(database.ConnectionString, hasher, default);
        var first = await CountsAsync();
        var second = await DemoSeeder.SeedAsync(database.ConnectionString, hasher, default);
        (await CountsAsync()).ShouldBe(first);
        second.ShouldAllBe(r => !r.PopulationLoaded);

        first["tenants"].ShouldBe(3);
        first["user_accounts"].ShouldBe(0, "accounts are created by the accounts command, not by the seed");
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        (await Scalar(db, "SELECT string_agg(code || ':' || status, ',' ORDER BY code) FROM campaigns WHERE code NOT LIKE '%-2019' AND code <> 'tengzhou-2024'"))
            .ShouldBe("baogou-2022:accepted,pubei-2020:accepted,tengzhou-2020:accepted,tengzhou-2025:open,xiaoxue-2020:accepted");
        (await Scalar(db, "SELECT sum(target) FROM quotas q JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id WHERE c.code = 'tengzhou-2020'")).ShouldBe(1_416_510L);
        (await Scalar(db, "SELECT sum(target) FROM quotas q JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id WHERE c.code = 'pubei-2020'")).ShouldBe(825_000L);
        (await Scalar(db, "SELECT count(*) FROM jurisdictions WHERE level = 'township'")).ShouldBe(39L);
        (await Scalar(db, "SELECT count(*) FROM jurisdictions WHERE level = 'grouping'")).ShouldBe(5L);

        // Quotas no document gives are labelled 示例, 鲍沟's per village.
        (await Scalar(db, """
            SELECT count(*) FROM quotas q JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id
            JOIN jurisdictions j ON j.tenant_id = q.tenant_id AND j.id = q.jurisdiction_id
            JOIN quota_changes h ON h.tenant_id = q.tenant_id AND h.quota_id = q.id
            WHERE c.code = 'baogou-2022' AND j.level = 'village' AND h.reason LIKE '示例%'
            """)).ShouldNotBe(0L);

        // The flag says 示例 too: exactly the quotas no document gives, and every generated village.
        (await Scalar(db, """
            SELECT string_agg(DISTINCT c.code || ':' || q.is_demo, ',' ORDER BY c.code || ':' || q.is_demo)
            FROM quotas q JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id
            WHERE c.code IN ('baogou-2022', 'tengzhou-2020', 'tengzhou-2025', 'pubei-2020', 'xiaoxue-2020')
            """)).ShouldBe("baogou-2022:true,pubei-2020:false,tengzhou-2020:false,tengzhou-2025:true,xiaoxue-2020:true");
        (await Scalar(db, """
            SELECT count(*) FROM quotas q
            WHERE q.is_demo <> EXISTS (SELECT 1 FROM quota_changes h WHERE h.tenant_id = q.tenant_id AND h.quota_id = q.id AND h.reason LIKE '示例%')
            """)).ShouldBe(0L);
        (await Scalar(db, "SELECT bool_and(is_demo = (level = 'village')) FROM jurisdictions")).ShouldBe(true);

        // Bulk-loaded residents are in the duplicate registry, one hash each, under the web app's key.
        first["id_hash_registry"].ShouldBe(11_000);
        (await Scalar(db, """
            SELECT count(*) FROM tenants t
            WHERE (SELECT count(*) FROM residents r WHERE r.tenant_id = t.id) <> (SELECT count(*) FROM id_hash_registry h WHERE h.tenant_id = t.id)
            """)).ShouldBe(0L);

        // The open campaign is seen as on the business date: nobody has paid after it.
        (await Scalar(db, """
            SELECT max(p.paid_on) <= DATE '2024-11-20' FROM payments p JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id WHERE c.code = 'tengzhou-2025'
            """)).ShouldBe(true);
        (await Scalar(db, "SELECT count(*) FROM households WHERE head_resident_id IS NULL")).ShouldBe(0L);
        (await Scalar(db, "SELECT count(DISTINCT (tenant_id, citizen_id)) FROM residents")).ShouldBe(11_000L);
    }

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            counts[table] = (long)(await Scalar(db, $"SELECT count(*) FROM {table}"))!;
        }

        return counts;
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
