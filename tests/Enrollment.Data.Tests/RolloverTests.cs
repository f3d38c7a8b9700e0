using System.Text.Json.Nodes;
using Enrollment.Data.Entities;
using Enrollment.Data.Rollover;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>
/// Next year's roster from this year's enrollments (docs/rules.md §4), on the app role so row-level security
/// applies. Each test rolls over into a target campaign of its own, so they do not depend on each other.
/// </summary>
public sealed class RolloverTests(RolloverFixture fixture) : IClassFixture<RolloverFixture>
{
    private static readonly DateTimeOffset Now = new(2025, 9, 1, 1, 0, 0, TimeSpan.Zero);

    private TestDb Db => fixture.Db;
    private RolloverWorld World => fixture.World;

    private TenantContext Bureau => TenantContext.For(World.TenantA, "tz-bureau", World.UserA);

    [Fact]
    public async Task A_county_campaign_gets_every_active_resident_with_the_derived_history_and_never_overwrites()
    {
        var target = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "tengzhou-2026", 2026);
        // A clerk registered one resident by hand before the roll-over: that enrollment stays as it is.
        await using (var clerk = Db.AppContext(World.TenantA))
        {
            clerk.Enrollments.Add(new CampaignEnrollment
            {
                CampaignId = target, ResidentId = World.Residents["never_first"], History = EnrollmentHistory.FirstTime,
                RegisteredAt = Now.AddDays(-1),
            });
            await clerk.SaveChangesAsync();
        }
        var otherTenantBefore = await Db.ScalarAsync("SELECT count(*) FROM enrollments WHERE tenant_id = $1", World.TenantB);

        var result = await RollOverAsync(Bureau, World.Tz2025, target);

        result.Error.ShouldBeNull();
        (result.FromCampaign, result.ToCampaign).ShouldBe(("tengzhou-2025", "tengzhou-2026"));
        (result.Continuing, result.Interrupted, result.FirstTime, result.AlreadyEnrolled).ShouldBe((2L, 5L, 1L, 1L));
        (result.SkippedDeceased, result.SkippedMovedOut, result.SkippedCancelled, result.SkippedExcluded).ShouldBe((1L, 1L, 1L, 1L));
        (await HistoriesAsync(target)).ShouldBe(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["continuing"] = "continuing:0",
            ["binhu_continuing"] = "continuing:0",
            ["unconfirmed_gap1"] = "interrupted:1",
            ["reversed_gap1"] = "interrupted:1",
            ["refused_gap1"] = "interrupted:1",
            ["recorded_gap3"] = "interrupted:3",
            ["paid2022_gap3"] = "interrupted:3",
            ["unpaid_first"] = "first_time:0",
            ["never_first"] = "first_time:0",
        }, ignoreOrder: true);
        (await Db.ScalarAsync("""
            SELECT count(*) FROM enrollments WHERE campaign_id = $1 AND status = 'registered' AND quoted_at IS NULL
              AND registered_at = $2 AND registered_by_user_id = $3
            """, target, Now, World.UserA)).ShouldBe(8L);
        (await Db.ScalarAsync("SELECT count(*) FROM enrollments WHERE campaign_id = $1 AND registered_at = $2", target, Now.AddDays(-1))).ShouldBe(1L);
        (await Db.ScalarAsync("SELECT count(*) FROM enrollments WHERE tenant_id = $1", World.TenantB)).ShouldBe(otherTenantBefore);

        var audit = await AuditAsync(target);
        audit.Count.ShouldBe(1);
        (audit[0].Actor, audit[0].ActorUserId, audit[0].Action).ShouldBe(("tz-bureau", World.UserA, AuditAction.Insert));
        var summary = JsonNode.Parse(audit[0].After!)!;
        ((string)summary["operation"]!, (string)summary["from_campaign"]!, (long)summary["created"]!, (long)summary["skipped_excluded"]!)
            .ShouldBe(("rollover", "tengzhou-2025", 8L, 1L));

        // Running it again adds nothing and changes nothing; it is still recorded.
        var again = await RollOverAsync(Bureau, World.Tz2025, target);
        (again.Created, again.AlreadyEnrolled, again.SkippedDeceased).ShouldBe((0L, 9L, 1L));
        (await HistoriesAsync(target)).Count.ShouldBe(9);
        (await AuditAsync(target)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_township_campaign_covers_only_its_subtree()
    {
        var target = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "baogou-2026", 2026, jurisdictionId: World.Baogou.Id);

        var result = await RollOverAsync(Bureau, World.Tz2025, target);

        (result.Continuing, result.Interrupted, result.FirstTime).ShouldBe((1L, 5L, 2L));
        (await HistoriesAsync(target)).ShouldNotContainKey("binhu_continuing");
    }

    [Fact]
    public async Task A_user_scoped_to_a_township_rolls_over_only_their_subtree_and_not_another_township_campaign()
    {
        string binhuPath;
        await using (var owner = Db.OwnerContext(TenantContext.For(World.TenantA, "test")))
        {
            binhuPath = await owner.Jurisdictions.Where(j => j.Name == "滨湖镇").Select(j => j.Path).SingleAsync();
        }
        var binhuStaff = TenantContext.For(World.TenantA, "tz-binhu", World.UserA, binhuPath);
        var county = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "tengzhou-2026-binhu", 2026);
        var baogou = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "baogou-2026-b", 2026, jurisdictionId: World.Baogou.Id);

        var result = await RollOverAsync(binhuStaff, World.Tz2025, county);
        result.Created.ShouldBe(1L);
        (await HistoriesAsync(county)).Keys.ShouldBe(["binhu_continuing"]);

        var refused = await RollOverAsync(binhuStaff, World.Tz2025, baogou);
        refused.Error.ShouldBe("征缴活动 baogou-2026-b 的范围不在您的管辖范围内，不能结转。");
        (await HistoriesAsync(baogou)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refusals_say_why_in_Chinese_and_write_nothing()
    {
        var closed = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "tengzhou-2026-closed", 2026, CampaignStatus.Closed);
        var accepted = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "tengzhou-2026-accepted", 2026, CampaignStatus.Accepted);
        var open = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "tengzhou-2026-open", 2026, CampaignStatus.Open);
        var later = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "tengzhou-2027", 2027);
        var pubei2026 = await RolloverWorld.AddCampaignAsync(Db, World.TenantB, "pubei-2026", 2026);
        var auditBefore = await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE after ->> 'operation' = 'rollover' AND tenant_id = $1", World.TenantA);

        (await RollOverAsync(Bureau, World.Tz2025, closed)).Error
            .ShouldBe("征缴活动 tengzhou-2026-closed 已结束征缴，不能再结转参保名单；只能结转到草稿或征缴中的活动。");
        (await RollOverAsync(Bureau, World.Tz2025, accepted)).Error
            .ShouldBe("征缴活动 tengzhou-2026-accepted 已验收，不能再结转参保名单；只能结转到草稿或征缴中的活动。");
        (await RollOverAsync(Bureau, World.Tz2025, later)).Error
            .ShouldBe("征缴活动 tengzhou-2027 的政策年度是 2027 年，不是 tengzhou-2025（2025 年度）的下一年度，不能结转。");
        (await RollOverAsync(Bureau, World.Tz2025, World.Tz2025)).Error.ShouldNotBeNull();
        // Another tenant's campaign, as source or target, does not exist for this context.
        (await RollOverAsync(Bureau, World.Pb2025, open)).Error.ShouldBe("找不到上一年度的征缴活动，无法结转参保名单。");
        (await RollOverAsync(Bureau, World.Tz2025, pubei2026)).Error.ShouldBe("找不到要结转到的征缴活动，无法结转参保名单。");

        (await Db.ScalarAsync("SELECT count(*) FROM enrollments WHERE campaign_id = ANY($1)", new[] { closed, accepted, open, later, pubei2026 })).ShouldBe(0L);
        (await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE after ->> 'operation' = 'rollover' AND tenant_id = $1", World.TenantA)).ShouldBe(auditBefore);

        // An open target is fine (a campaign already collecting gets the residents registered since).
        (await RollOverAsync(Bureau, World.Tz2025, open)).Created.ShouldBe(9L);
    }

    [Fact]
    public async Task The_other_tenant_rolls_over_its_own_residents_only()
    {
        var target = await RolloverWorld.AddCampaignAsync(Db, World.TenantB, "pubei-2026-own", 2026);
        var tengzhouBefore = await Db.ScalarAsync("SELECT count(*) FROM enrollments WHERE tenant_id = $1", World.TenantA);

        var result = await RollOverAsync(TenantContext.For(World.TenantB, "pb-admin"), World.Pb2025, target);

        (result.Continuing, result.Created).ShouldBe((1L, 1L));
        (await Db.ScalarAsync("SELECT count(*) FROM enrollments WHERE tenant_id = $1", World.TenantA)).ShouldBe(tengzhouBefore);
        (await Db.ScalarAsync("SELECT count(*) FROM enrollments WHERE campaign_id = $1 AND tenant_id = $2", target, World.TenantB)).ShouldBe(1L);
    }

    [Fact]
    public async Task Inside_the_callers_transaction_a_rollback_undoes_the_rollover_and_its_audit()
    {
        var target = await RolloverWorld.AddCampaignAsync(Db, World.TenantA, "tengzhou-2026-tx", 2026);
        await using (var db = Db.AppContext(Bureau))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await EnrollmentRollover.RollOverAsync(db, World.Tz2025, target, World.UserA, Now, default)).Created.ShouldBe(9L);
            await transaction.RollbackAsync();
        }

        (await HistoriesAsync(target)).ShouldBeEmpty();
        (await AuditAsync(target)).ShouldBeEmpty();
    }

    private async Task<RolloverResult> RollOverAsync(TenantContext tenant, long from, long to)
    {
        await using var db = Db.AppContext(tenant);
        return await EnrollmentRollover.RollOverAsync(db, from, to, tenant.UserId, Now, default);
    }

    /// <summary>Resident name → "history:gap" in <paramref name="campaign"/>.</summary>
    private async Task<Dictionary<string, string>> HistoriesAsync(long campaign)
    {
        await using var db = Db.OwnerContext(TenantContext.For(World.TenantA, "test"));
        var rows = await db.Enrollments.AsNoTracking().Where(e => e.CampaignId == campaign)
            .Select(e => new { e.Resident!.Name, e.History, e.GapYears }).ToListAsync();
        return rows.ToDictionary(r => r.Name, r => $"{Configurations.EnumText<EnrollmentHistory>.ToText(r.History)}:{r.GapYears}");
    }

    private async Task<List<AuditEntry>> AuditAsync(long campaign)
    {
        await using var db = Db.OwnerContext(TenantContext.For(World.TenantA, "test"));
        var rows = await db.AuditLog.AsNoTracking().Where(a => a.Entity == "enrollments").OrderBy(a => a.Id).ToListAsync();
        return rows.Where(a => JsonNode.Parse(a.EntityKey)!["campaign_id"] is { } id && (long)id == campaign).ToList();
    }
}
