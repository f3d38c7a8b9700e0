using Enrollment.Data;
using Enrollment.Data.Quoting;
using Enrollment.Data.Tenancy;
using Enrollment.Domain.Policies;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.ResidentLists;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Enrollment.Web.Tests.Campaigns.Forms;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// An open campaign's policy change: the preview counts and adds up (county and township shares apart) right to
/// the cent, and saving re-quotes the unpaid with the new version while the paid keep the quote they paid by,
/// with one audit row, all or nothing. The demo's tengzhou-2025 enrollments are replaced by eight hand-built
/// ones whose quotes are worked out by hand below.
/// </summary>
public sealed class ImpactTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly DateOnly Today = new(2024, 11, 20);
    private static readonly DateTimeOffset Now = new(2024, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private const int InlineLimit = 20_000;

    // 60–69: share 0.5 → 0.5555 (400 × 0.5555 = 222.20: payable 200 → 177.80, all county).
    // 计划生育特殊家庭: county part 0.5 → 0.3 (400 subsidised either way: county 200 → 120, township 200 → 280).
    private static void Change(PolicyDocument d)
    {
        d.Subsidies!.Single(s => s.Basis == "age_60_69").Share = 0.5555m;
        d.Subsidies!.Single(s => s.Basis == "family_planning").CountyPart = 0.3m;
    }

    [Fact]
    public async Task The_preview_counts_the_changed_and_adds_up_county_and_township_shares_to_the_cent()
    {
        var world = await BuildWorldAsync();
        await using var scope = await ScopeAsync();
        var (current, proposal) = await ProposeAsync(scope.Db);

        var impact = await ImpactPreview.ComputeAsync(scope.Db, current.Campaign.Id, current.Loaded.Policy!, proposal.Policy!, Today);

        // Enrolled: all but the cancelled one. Changed: the four aged 60–69 (A, B, E, F) and the two family-planning (C, H).
        impact.Enrolled.ShouldBe(7);
        impact.Changed.ShouldBe(6);
        impact.Failed.ShouldBe(0);
        impact.PayableDelta.ShouldBe(-88.80m);                   // 4 × −22.20
        impact.SubsidyDelta.ShouldBe(88.80m);                    // 4 × +22.20
        impact.CountyDelta.ShouldBe(-71.20m);                    // 4 × 22.20 − 2 × 80
        impact.TownshipDelta.ShouldBe(160.00m);                  // 2 × 80
        (impact.CountyDelta + impact.TownshipDelta).ShouldBe(impact.SubsidyDelta);
        // Unpaid: A, C, D, E (reversed), F (unconfirmed); of the changed, all but the paid B and H.
        impact.Unpaid.ShouldBe(5);
        impact.UnpaidChanged.ShouldBe(4);
        impact.RequoteNote.ShouldBe("其中未缴费 4 人的核定金额将按新政策更新");
        world.Count.ShouldBe(8);
    }

    [Fact]
    public async Task Saving_requotes_the_unpaid_with_the_new_version_and_the_paid_keep_theirs_with_one_audit_row()
    {
        var world = await BuildWorldAsync();
        var baseline = await CurrentVersionAsync();
        var audits = await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'enrollments'");
        await using (var scope = await ScopeAsync())
        {
            var (current, proposal) = await ProposeAsync(scope.Db);
            (await PolicyEditHandler.SaveAsync(scope.Db, current, proposal, "测试：调整资助比例", null, Now, Today, InlineLimit)).ShouldBe(PolicySaved.Saved);
        }
        var next = baseline + 1;
        (await CurrentVersionAsync()).ShouldBe(next);

        (await SnapshotAsync(world["A"])).ShouldBe($"{next}|177.80|222.20|age_60_69|222.20|0.00|special_group|direct|2025-01-01|f");
        (await SnapshotAsync(world["C"])).ShouldBe($"{next}|0.00|400.00|family_planning|120.00|280.00|special_group|direct|2025-01-01|f");
        (await SnapshotAsync(world["D"])).ShouldBe($"{next}|400.00|0.00||0.00|0.00|||2025-01-01|f");
        (await SnapshotAsync(world["E"])).ShouldStartWith($"{next}|177.80|");   // its payment was reversed
        (await SnapshotAsync(world["F"])).ShouldStartWith($"{next}|177.80|");   // its payment is not confirmed
        // Paid: the snapshot they paid by, untouched. Cancelled: untouched.
        (await SnapshotAsync(world["B"])).ShouldBe($"{baseline}|200.00|200.00|age_60_69|200.00|0.00|special_group|direct|2025-01-01|f");
        (await SnapshotAsync(world["H"])).ShouldBe($"{baseline}|0.00|400.00|family_planning|200.00|200.00|special_group|direct|2025-01-01|f");
        (await SnapshotAsync(world["G"])).ShouldStartWith($"{baseline}|200.00|");

        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'enrollments'")).ShouldBe(audits + 1);
        var audit = await app.ScalarAsync<string>("""
            SELECT concat_ws('|', action, actor, entity_key->>'requote_policy_version', before->>'enrollments', before->>'quote_payable',
                              after->>'enrollments', after->>'quote_payable', after->>'quote_county_share', after->>'quote_township_share',
                              after->>'quoted_for', after->>'reason')
            FROM audit_log WHERE entity = 'enrollments' ORDER BY id DESC LIMIT 1
            """);
        // Payable before: A, E, F 200 each + C 0 + D 400; after: 3 × 177.80 + 0 + 400. County after: 3 × 222.20 + C 120.
        audit.ShouldBe($"update|tz-admin|{next}|5|1000.00|5|933.40|786.60|280.00|2024-11-20|测试：调整资助比例");
    }

    [Fact]
    public async Task Many_unpaid_are_requoted_in_the_background_and_show_as_requoting_until_then()
    {
        var world = await BuildWorldAsync();
        var baseline = await CurrentVersionAsync();
        long campaignId;
        await using (var scope = await ScopeAsync())
        {
            var (current, proposal) = await ProposeAsync(scope.Db);
            campaignId = current.Campaign.Id;
            // A limit below the five unpaid: the save leaves the re-quote to the background.
            (await PolicyEditHandler.SaveAsync(scope.Db, current, proposal, "测试：后台重算", null, Now, Today, inlineRequoteLimit: 4))
                .ShouldBe(PolicySaved.RequoteQueued);
        }
        var next = baseline + 1;
        (await CurrentVersionAsync()).ShouldBe(next);
        (await SnapshotAsync(world["A"])).ShouldStartWith($"{baseline}|200.00|");

        await using (var scope = await ScopeAsync())
        {
            (await StaleQuotes.Of(scope.Db, campaignId, next).CountAsync()).ShouldBe(5);   // A, C, D, E, F: not paid
            var residentA = await scope.Db.Enrollments.Where(e => e.Id == world["A"]).Select(e => e.ResidentId).SingleAsync();
            var residentB = await scope.Db.Enrollments.Where(e => e.Id == world["B"]).Select(e => e.ResidentId).SingleAsync();
            var rows = await PersonRows.LoadAsync(scope.Db, scope.Db.Residents.Where(r => r.Id == residentA || r.Id == residentB).OrderBy(r => r.Id),
                campaignId, null, CancellationToken.None);
            rows.Single(r => r.Id == residentA).PayableStale.ShouldBeTrue();    // unpaid, quoted with the old version: 重算中
            rows.Single(r => r.Id == residentB).PayableStale.ShouldBeFalse();   // paid: the amount paid stands

            (await StaleQuotes.CatchUpAsync(scope.Db, campaignId, Today, Now)).ShouldBe(5);
        }
        (await SnapshotAsync(world["A"])).ShouldBe($"{next}|177.80|222.20|age_60_69|222.20|0.00|special_group|direct|2025-01-01|f");
        (await SnapshotAsync(world["B"])).ShouldStartWith($"{baseline}|200.00|");
        await using (var scope = await ScopeAsync())
        {
            (await StaleQuotes.Of(scope.Db, campaignId, next).CountAsync()).ShouldBe(0);
            (await StaleQuotes.CatchUpAsync(scope.Db, campaignId, Today, Now)).ShouldBe(0);   // nothing stale: nothing written
        }
        var reason = await app.ScalarAsync<string>("SELECT after->>'reason' FROM audit_log WHERE entity = 'enrollments' ORDER BY id DESC LIMIT 1");
        reason.ShouldBe("测试：后台重算");
    }

    [Fact]
    public async Task When_the_requote_fails_the_version_is_not_saved_either()
    {
        var world = await BuildWorldAsync();
        var baseline = await CurrentVersionAsync();
        var audits = await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity IN ('enrollments', 'campaign_policy_versions')");
        await OwnerAsync("""
            CREATE FUNCTION impact_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER impact_test_refuse BEFORE UPDATE OF quote_payable ON enrollments FOR EACH ROW EXECUTE FUNCTION impact_test_refuse();
            """);
        try
        {
            await using var scope = await ScopeAsync();
            var (current, proposal) = await ProposeAsync(scope.Db);
            await Should.ThrowAsync<PostgresException>(() => PolicyEditHandler.SaveAsync(scope.Db, current, proposal, "测试：应整体回滚", null, Now, Today, InlineLimit));
        }
        finally
        {
            await OwnerAsync("DROP TRIGGER impact_test_refuse ON enrollments; DROP FUNCTION impact_test_refuse();");
        }

        (await CurrentVersionAsync()).ShouldBe(baseline);
        (await SnapshotAsync(world["A"])).ShouldStartWith($"{baseline}|200.00|");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity IN ('enrollments', 'campaign_policy_versions')")).ShouldBe(audits);
    }

    /// <summary>
    /// A baseline version (a copy of version 1, the shipped document) on top, so every test starts from the same
    /// policy whatever the others saved, and these enrollments in 鲍沟镇 quoted by it, dated today:
    /// A 65 unpaid; B 65 paid; C 40 计划生育 unpaid; D 30 unpaid (nothing changes); E 66 paid then reversed;
    /// F 67 payment not confirmed; G 68 cancelled; H 64 计划生育 paid (the 400 family-planning rule wins).
    /// </summary>
    private async Task<Dictionary<string, long>> BuildWorldAsync()
    {
        await OwnerAsync("""
            DELETE FROM payments p USING enrollments e, campaigns c
                WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id AND e.tenant_id = c.tenant_id AND e.campaign_id = c.id AND c.code = 'tengzhou-2025';
            DELETE FROM enrollments e USING campaigns c WHERE e.tenant_id = c.tenant_id AND e.campaign_id = c.id AND c.code = 'tengzhou-2025';
            DELETE FROM certifications x USING campaigns c WHERE x.tenant_id = c.tenant_id AND x.campaign_id = c.id AND c.code = 'tengzhou-2025';
            INSERT INTO campaign_policy_versions (tenant_id, campaign_id, version, document, created_at, reason)
            SELECT v.tenant_id, v.campaign_id, (SELECT max(version) + 1 FROM campaign_policy_versions w WHERE w.tenant_id = v.tenant_id AND w.campaign_id = v.campaign_id),
                   v.document, now(), '测试基线'
            FROM campaign_policy_versions v JOIN campaigns c ON c.tenant_id = v.tenant_id AND c.id = v.campaign_id
            WHERE c.code = 'tengzhou-2025' AND v.version = 1;
            """);
        var version = await CurrentVersionAsync();
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", await app.ResidentOfAsync("鲍沟镇"));
        var world = new Dictionary<string, long>();
        var sequence = 100 + (int)(await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE name LIKE '影响测试%'") % 800);
        foreach (var (key, age, familyPlanning, status, payment) in new (string, int, bool, string, string)[]
        {
            ("A", 65, false, "registered", "none"), ("B", 65, false, "paid", "confirmed"), ("C", 40, true, "registered", "none"),
            ("D", 30, false, "registered", "none"), ("E", 66, false, "registered", "reversed"), ("F", 67, false, "registered", "unconfirmed"),
            ("G", 68, false, "cancelled", "none"), ("H", 64, true, "paid", "confirmed"),
        })
        {
            var id = CitizenId(new DateOnly(2024 - age, 5, 5), sequence++);
            var (payable, subsidy, basis, county, township) = familyPlanning ? (0m, 400m, "family_planning", 200m, 200m)
                : age >= 60 ? (200m, 200m, "age_60_69", 200m, 0m) : (400m, 0m, (string?)null, 0m, 0m);
            var enrollment = await app.ScalarAsync<long>("""
                WITH c AS (SELECT tenant_id, id FROM campaigns WHERE code = 'tengzhou-2025'),
                r AS (
                    INSERT INTO residents (tenant_id, citizen_id, name, sex, birth_date, village_id, hukou_type)
                    SELECT c.tenant_id, $1, '影响测试' || $2, CASE WHEN substr($1, 17, 1)::integer % 2 = 1 THEN 'male' ELSE 'female' END,
                           make_date(substr($1, 7, 4)::integer, substr($1, 11, 2)::integer, substr($1, 13, 2)::integer), $3, 'local'
                    FROM c RETURNING tenant_id, id)
                INSERT INTO enrollments (tenant_id, campaign_id, resident_id, status, history, gap_years, registered_at, quoted_at,
                    quote_policy_version, quote_payable, quote_subsidy, quote_basis, quote_county_share, quote_township_share,
                    quote_funding, quote_mode, quote_coverage_start, quote_late)
                SELECT r.tenant_id, c.id, r.id, $4, 'continuing', 0, $5, $5, $6, $7, $8, $9, $10, $11,
                       CASE WHEN $9::text IS NULL THEN NULL ELSE 'special_group' END, CASE WHEN $9::text IS NULL THEN NULL ELSE 'direct' END, DATE '2025-01-01', false
                FROM r, c RETURNING id
                """, id, key, village, status == "paid" ? "registered" : status, Now.AddDays(-30), version, payable, subsidy, (object?)basis ?? DBNull.Value, county, township);
            world[key] = enrollment;
            if (familyPlanning)
            {
                await app.ScalarAsync<long>("""
                    INSERT INTO certifications (tenant_id, campaign_id, resident_id, category_code, department, recorded_at)
                    SELECT tenant_id, campaign_id, resident_id, 'family_planning', '卫健局', now() FROM enrollments WHERE id = $1 RETURNING id
                    """, enrollment);
            }
            if (payment != "none")
            {
                var paid = await app.ScalarAsync<long>("""
                    SELECT r.payment_id FROM enrollments e,
                        payment_record(e.tenant_id, e.id, 'wechat', 'impact-' || e.id, DATE '2024-10-15', 200.00, $2, NULL, now(),
                                       false, NULL, NULL, NULL, NULL, NULL, NULL) r
                    WHERE e.id = $1
                    """, enrollment, payment != "unconfirmed");
                if (payment == "reversed")
                {
                    await app.ScalarAsync<string>("""
                        SELECT payment_change(tenant_id, id, 'reverse', '测试冲正', NULL, now()) FROM payments WHERE id = $1
                        """, paid);
                }
            }
        }
        return world;
    }

    private Task<string> SnapshotAsync(long enrollment) => app.ScalarAsync<string>("""
        SELECT concat_ws('|', quote_policy_version, quote_payable, quote_subsidy, coalesce(quote_basis, ''), quote_county_share, quote_township_share,
                          coalesce(quote_funding, ''), coalesce(quote_mode, ''), quote_coverage_start, CASE WHEN quote_late THEN 't' ELSE 'f' END)
        FROM enrollments WHERE id = $1
        """, enrollment);

    private Task<int> CurrentVersionAsync() => app.ScalarAsync<int>("""
        SELECT max(v.version) FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id WHERE c.code = 'tengzhou-2025'
        """);

    private async Task OwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(app.DatabaseName));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The app's own DbContext (app role, row-level security) acting for the county administrator.</summary>
    private async Task<AppScope> ScopeAsync()
    {
        var tenantId = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, "tz-admin");
        return new AppScope(scope, scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>());
    }

    private static async Task<(CampaignPolicy Current, PolicyProposal Proposal)> ProposeAsync(EnrollmentDbContext db)
    {
        var current = (await CampaignPolicyQuery.LoadAsync(db, "tengzhou-2025"))!;
        PolicyJson.TryDeserialize(current.Version.Document, out var document, out _);
        Change(document!);
        document!.Version = current.Version.Version + 1;
        PolicyCompiler.TryCompile(document, out var policy, out var result);
        var proposal = new PolicyProposal(document, PolicyJson.Serialize(document), policy, result.Problems, "test");
        proposal.HasErrors.ShouldBeFalse();
        return (current, proposal);
    }

    private sealed class AppScope(AsyncServiceScope scope, EnrollmentDbContext db) : IAsyncDisposable
    {
        public EnrollmentDbContext Db { get; } = db;

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
