using System.CommandLine;
using Enrollment.Cli.Rollover;
using Enrollment.Cli.Seed;
using Enrollment.Data.Registry;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Cli.Tests.Rollover;

/// <summary>The rollover command on the demo: counts printed, re-run harmless, refusals and unknown codes.</summary>
public sealed class RolloverCommandTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Rolls_the_demo_county_over_prints_the_counts_and_a_second_run_adds_nothing()
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CitizenIdHasher.FromBase64(TestKeys.IdHashKey), default);
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        await Execute(db, """
            INSERT INTO campaigns (tenant_id, code, name, policy_year, status)
            SELECT id, 'tengzhou-2026', '滕州市2026年度城乡居民基本医疗保险征缴', 2026, 'draft' FROM tenants WHERE code = 'tengzhou'
            """);
        var otherTenants = await Scalar(db, "SELECT count(*) FROM enrollments e JOIN tenants t ON t.id = e.tenant_id WHERE t.code <> 'tengzhou'");
        // Independently of the statement: active residents with a confirmed, unreversed payment in a 2025 campaign.
        var paid2025 = await Scalar(db, """
            SELECT count(DISTINCT e.resident_id) FROM enrollments e
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            JOIN tenants t ON t.id = c.tenant_id
            JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            JOIN payments p ON p.tenant_id = e.tenant_id AND p.enrollment_id = e.id
            WHERE t.code = 'tengzhou' AND c.policy_year = 2025 AND r.status = 'active' AND p.state = 'confirmed'
            """);

        var (exit, output, error) = await Run("--tenant", "tengzhou", "--from", "tengzhou-2025", "--to", "tengzhou-2026");

        exit.ShouldBe(0, error);
        output.ShouldStartWith("rolled over tengzhou-2025 -> tengzhou-2026 in ");
        var counts = Counts(output);
        var created = await Scalar(db, "SELECT count(*) FROM enrollments e JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id WHERE c.code = 'tengzhou-2026'");
        counts["created"].ShouldBe(created);
        counts["created"].ShouldBeGreaterThan(0);
        counts["continuing"].ShouldBe(paid2025);
        (counts["continuing"] + counts["interrupted"] + counts["first_time"]).ShouldBe(counts["created"]);
        (counts["created"] + counts["skipped deceased"] + counts["skipped moved out"] + counts["skipped cancelled"] + counts["skipped excluded"])
            .ShouldBe(await Scalar(db, "SELECT count(*) FROM residents r JOIN tenants t ON t.id = r.tenant_id WHERE t.code = 'tengzhou'"));
        (await Scalar(db, "SELECT count(*) FROM enrollments e JOIN tenants t ON t.id = e.tenant_id WHERE t.code <> 'tengzhou'")).ShouldBe(otherTenants);
        (await Scalar(db, "SELECT count(*) FROM audit_log WHERE actor = 'cli:rollover' AND after ->> 'to_campaign' = 'tengzhou-2026'")).ShouldBe(1L);

        var again = await Run("--tenant", "tengzhou", "--from", "tengzhou-2025", "--to", "tengzhou-2026");
        again.Exit.ShouldBe(0);
        Counts(again.Output)["created"].ShouldBe(0L);
        Counts(again.Output)["already enrolled"].ShouldBe(created);

        // Refused in Chinese (the target must be next year's draft or open campaign); unknown codes exit 2.
        var refused = await Run("--tenant", "tengzhou", "--from", "tengzhou-2024", "--to", "tengzhou-2026");
        (refused.Exit, refused.Error.Trim()).ShouldBe((1, "征缴活动 tengzhou-2026 的政策年度是 2026 年，不是 tengzhou-2024（2024 年度）的下一年度，不能结转。"));
        (await Run("--tenant", "nowhere", "--from", "tengzhou-2025", "--to", "tengzhou-2026")).Exit.ShouldBe(2);
        (await Run("--tenant", "pubei", "--from", "tengzhou-2025", "--to", "tengzhou-2026")).Exit.ShouldBe(2);
        (await Run("--tenant", "tengzhou", "--from", "tengzhou-2025")).Exit.ShouldNotBe(0, "--to is required");
    }

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { RolloverCommand.Create() };
        var exit = await root.Parse(["rollover", .. args, "--connection", database.ConnectionString])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>"label   1,234" lines → label → count.</summary>
    private static Dictionary<string, long> Counts(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(line => (Label: line[..line.LastIndexOf(' ')].Trim(), Count: line[(line.LastIndexOf(' ') + 1)..]))
            .ToDictionary(p => p.Label, p => long.Parse(p.Count, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
