using Enrollment.Cli.Generate;
using Enrollment.Cli.Seed;
using Enrollment.Domain.Policies;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Cli.Tests.Generate;

public sealed class GenerateLoadTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_small_county_loads_with_valid_ids_and_payments_equal_to_quotes_and_keys_rebuilt()
    {
        var connectionString = database.ConnectionString;
        var layout = CountyLayout.For("tengzhou");
        var settings = new PopulationSettings("tengzhou", 3_000, 0.9, 11, "tengzhou-2025");
        TenantIds ids;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            ids = await TenantSkeleton.EnsureAsync(connection, layout, settings.Residents, default);
        }

        var generator = new PopulationGenerator(layout, PolicyCatalog.Compile("tengzhou-2025"), settings, PriorYearPolicy.Compile("tengzhou-2025"));
        var expected = SmallCounty.Make(settings);
        var report = await PopulationLoader.LoadAsync(connectionString, generator, ids, "tengzhou-2025", fast: true, default);

        report.Rows["residents"].ShouldBe(3_000);
        report.Rows["households"].ShouldBe(expected.Households.Count);
        report.Rows["payments"].ShouldBe(expected.Residents.Count(r => r.PaidOn != null) + expected.Residents.Count(r => r.PriorPaidOn != null));

        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        (await Scalar(db, "SELECT count(DISTINCT citizen_id) FROM residents WHERE citizen_id_is_valid(citizen_id) AND citizen_id LIKE '370481%'")).ShouldBe(3_000L);
        (await Scalar(db, "SELECT count(*) FROM households WHERE head_resident_id IS NULL")).ShouldBe(0L);
        (await Scalar(db, """
            SELECT count(*) FROM payments p JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            WHERE p.paid_on NOT BETWEEN c.window_start AND c.window_end
               OR p.amount <> CASE WHEN p.channel_code = 'government_direct' THEN e.quote_subsidy ELSE e.quote_payable END
            """)).ShouldBe(0L);
        (await Scalar(db, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'residents'::regclass AND contype IN ('p', 'u', 'f') AND convalidated")).ShouldBe(5L);
        // Primary key, enrollment, (channel, reference, resident), one counting payment, refunds due, the refund list,
        // the unconfirmed entries, and the hand-over sheets' open and received payments: all back after the load.
        (await Scalar(db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'payments'")).ShouldBe(9L);
        // The enrollments say what their payments say, and the rollup was rebuilt after the load.
        (await Scalar(db, """
            SELECT count(*) FROM enrollments e
            WHERE enrollment_is_paid(e.status) <> EXISTS (SELECT 1 FROM payments p WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id AND p.state = 'confirmed')
            """)).ShouldBe(0L);
        (await Scalar(db, "SELECT coalesce(sum(paid), 0) FROM progress_deltas")).ShouldBe(await Scalar(db, "SELECT count(*) FROM enrollments WHERE enrollment_is_paid(status)"));
        (await Scalar(db, "SELECT to_regclass('bulk_load_detached') IS NULL")).ShouldBe(true);

        // The identity moved past the loaded ids, so the app's next resident does not collide.
        (await Scalar(db, "SELECT nextval(pg_get_serial_sequence('residents', 'id')) > (SELECT max(id) FROM residents)")).ShouldBe(true);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
