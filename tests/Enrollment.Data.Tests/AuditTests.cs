using System.Text.Json.Nodes;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>Every change through the context leaves an audit row with before and after, in the same transaction.</summary>
public sealed class AuditTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    private TenantContext Bureau => TenantContext.For(World.TenantA, "tz-bureau", World.UserA);

    [Fact]
    public async Task Insert_update_and_delete_of_a_resident_are_audited_with_before_and_after()
    {
        long id;
        await using (var db = Db.AppContext(Bureau))
        {
            var resident = new Resident { Name = "孙丽", VillageId = World.BaogouVillage.Id };
            resident.SetCitizenId(World.WithCheck("37048119880808002"));
            db.Residents.Add(resident);
            await db.SaveChangesAsync();
            id = resident.Id;

            resident.Name = "孙丽华";
            resident.Phone = "13912345678";
            await db.SaveChangesAsync();

            db.Residents.Remove(resident);
            await db.SaveChangesAsync();
        }

        var rows = await AuditRowsAsync("residents", id);
        rows.Select(r => r.Action).ShouldBe([AuditAction.Insert, AuditAction.Update, AuditAction.Delete]);
        rows.ShouldAllBe(r => r.Actor == "tz-bureau" && r.ActorUserId == World.UserA && r.TenantId == World.TenantA);
        JsonNode.DeepEquals(JsonNode.Parse(rows[0].EntityKey), JsonNode.Parse($$"""{"tenant_id":{{World.TenantA}},"id":{{id}}}""")).ShouldBeTrue(rows[0].EntityKey);

        rows[0].Before.ShouldBeNull();
        var inserted = JsonNode.Parse(rows[0].After!)!;
        ((string)inserted["name"]!).ShouldBe("孙丽");
        ((string)inserted["sex"]!).ShouldBe("female");
        ((string)inserted["birth_date"]!).ShouldBe("1988-08-08");
        ((string)inserted["status"]!).ShouldBe("active");
        ((long)inserted["id"]!).ShouldBe(id);

        var before = JsonNode.Parse(rows[1].Before!)!;
        var after = JsonNode.Parse(rows[1].After!)!;
        ((string)before["name"]!).ShouldBe("孙丽");
        before["phone"].ShouldBeNull();
        ((string)after["name"]!).ShouldBe("孙丽华");
        ((string)after["phone"]!).ShouldBe("13912345678");

        ((string)JsonNode.Parse(rows[2].Before!)!["name"]!).ShouldBe("孙丽华");
        rows[2].After.ShouldBeNull();
    }

    [Fact]
    public async Task Every_row_of_every_tenant_table_has_its_insert_audit_row()
    {
        // Progress deltas are derived rows the enrollment triggers append in the audited change's transaction.
        var tables = (await Catalog.TenantTablesAsync(Db.Owner)).Where(t => t is not "audit_log" and not "progress_deltas").ToList();
        tables.Count.ShouldBe(16);
        foreach (var table in tables)
        {
            (await Db.ScalarAsync($"SELECT count(*) FROM {table}")).ShouldBeGreaterThan(0, table);
            (await Db.ScalarAsync($"""
                SELECT count(*) FROM {table} t WHERE NOT EXISTS (
                    SELECT 1 FROM audit_log a
                    WHERE a.tenant_id = t.tenant_id AND a.entity = '{table}' AND a.action = 'insert'
                      AND a.entity_key = jsonb_build_object('tenant_id', t.tenant_id, 'id', t.id)
                      AND (a.after ->> 'id')::bigint = t.id)
                """)).ShouldBe(0, $"{table} rows without an insert audit row");
        }
    }

    [Fact]
    public async Task Every_entity_saved_in_one_go_gets_its_own_audit_row_at_the_same_moment()
    {
        await using var db = Db.AppContext(Bureau);
        var campaign = new Campaign { Code = "audit-2026", Name = "审计测试", PolicyYear = 2026 };
        campaign.Phases.Add(new CampaignPhase { Ordinal = 1, Name = "征缴", StartsOn = new DateOnly(2025, 10, 1), EndsOn = new DateOnly(2025, 12, 31) });
        campaign.PolicyVersions.Add(new CampaignPolicyVersion { Version = 1, Document = """{"individual": 400}""", CreatedAt = DateTimeOffset.UtcNow, Reason = "首次发布" });
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();

        var rows = await db.AuditLog.Where(a => a.Action == AuditAction.Insert && (a.Entity == "campaigns" || a.Entity == "campaign_phases" || a.Entity == "campaign_policy_versions"))
            .OrderBy(a => a.Id).ToListAsync();
        var mine = rows.Where(r => JsonNode.Parse(r.After!)!["campaign_id"] is { } c ? (long)c! == campaign.Id : (long)JsonNode.Parse(r.After!)!["id"]! == campaign.Id).ToList();
        mine.Select(r => r.Entity).Order().ShouldBe(["campaign_phases", "campaign_policy_versions", "campaigns"]);
        mine.Select(r => r.OccurredAt).Distinct().Count().ShouldBe(1);
        ((int)JsonNode.Parse(mine.Single(r => r.Entity == "campaign_policy_versions").After!)!["document"]!["individual"]!).ShouldBe(400);
    }

    [Fact]
    public async Task A_failed_save_leaves_no_audit_row_and_a_rolled_back_transaction_takes_its_audit_with_it()
    {
        var before = await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE tenant_id = $1", World.TenantA);
        await using (var db = Db.AppContext(Bureau))
        {
            var campaign = await db.Campaigns.FirstAsync();
            campaign.Name = "改名之后失败";
            db.Exclusions.Add(new Exclusion { CampaignId = campaign.Id, ResidentId = World.ResidentA1, ReasonCode = "no_such_reason", RecordedAt = DateTimeOffset.UtcNow });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = Db.AppContext(Bureau))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Campaigns.FirstAsync()).Name = "回滚";
            await db.SaveChangesAsync();
            (await db.AuditLog.CountAsync()).ShouldBe((int)before + 1); // visible inside the transaction
            await transaction.RollbackAsync();
        }
        (await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE tenant_id = $1", World.TenantA)).ShouldBe(before);
        (await Db.ScalarAsync("SELECT count(*) FROM campaigns WHERE name IN ('改名之后失败', '回滚')")).ShouldBe(0);
    }

    [Fact]
    public async Task Changes_to_global_tables_go_to_the_system_audit_log()
    {
        var admin = new TenantContext();
        admin.Identify("sysadmin", null);
        // As the owner (the CLI, the seed): the app role writes accounts only through the account functions.
        await using var db = Db.OwnerContext(admin);
        var user = new UserAccount { TenantId = World.TenantA, Login = "bg-village", DisplayName = "鲍沟 村级", Role = UserRole.VillageStaff, JurisdictionId = World.BaogouVillage.Id };
        db.UserAccounts.Add(user);
        await db.SaveChangesAsync();
        user.IsActive = false;
        await db.SaveChangesAsync();

        var rows = await db.SystemAuditLog.Where(a => a.Entity == "user_accounts").OrderBy(a => a.Id).ToListAsync();
        var mine = rows.Where(r => (long)JsonNode.Parse(r.EntityKey)!["id"]! == user.Id).ToList();
        mine.Select(r => r.Action).ShouldBe([AuditAction.Insert, AuditAction.Update]);
        mine.ShouldAllBe(r => r.Actor == "sysadmin" && r.TenantId == null);
        ((string)JsonNode.Parse(mine[0].After!)!["role"]!).ShouldBe("village_staff");
        ((bool)JsonNode.Parse(mine[1].Before!)!["is_active"]!).ShouldBeTrue();
        ((bool)JsonNode.Parse(mine[1].After!)!["is_active"]!).ShouldBeFalse();
    }

    private async Task<List<AuditEntry>> AuditRowsAsync(string entity, long id)
    {
        await using var db = Db.AppContext(World.TenantA);
        var rows = await db.AuditLog.Where(a => a.Entity == entity).OrderBy(a => a.Id).ToListAsync();
        return [.. rows.Where(r => (long)JsonNode.Parse(r.EntityKey)!["id"]! == id)];
    }
}
