using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>Each wall holds on its own, and the database checks what the app checks.</summary>
public sealed class IndependentWallTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    [Fact]
    public async Task With_the_query_filters_ignored_row_level_security_still_shows_only_the_tenant()
    {
        await using var db = Db.AppContext(World.TenantA);
        (await db.Residents.IgnoreQueryFilters().Select(r => r.Name).OrderBy(n => n).ToListAsync()).ShouldBe(["张秀英", "李强"]);
        (await db.Residents.IgnoreQueryFilters().CountAsync(r => r.TenantId == World.TenantB)).ShouldBe(0);
        (await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM payments").SingleAsync()).ShouldBe(2);

        await using var none = Db.AppContext(new TenantContext());
        (await none.Residents.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_synchronous_save_path_audits_in_the_same_transaction()
    {
        using var db = Db.AppContext(TenantContext.For(World.TenantA, "sync-test"));
        var township = new Jurisdiction { ParentId = World.BaogouTownship.ParentId, Level = JurisdictionLevel.Township, Name = "同步镇" };
        db.Jurisdictions.Add(township);
        db.SaveChanges();
        township.Name = "同步街道";
        db.SaveChanges();
        db.Jurisdictions.Add(new Jurisdiction { ParentId = township.Id, Level = JurisdictionLevel.County, Name = "错层级" });
        Should.Throw<DbUpdateException>(() => db.SaveChanges());

        var actions = await Db.ScalarAsync("""
            SELECT count(*) FROM audit_log WHERE actor = 'sync-test' AND entity = 'jurisdictions'
            """);
        actions.ShouldBe(2);
        (await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE actor = 'sync-test' AND action = 'update' AND after ->> 'name' = '同步街道' AND before ->> 'name' = '同步镇'")).ShouldBe(1);
    }

    [Fact]
    public async Task The_database_refuses_an_invalid_citizen_id_or_a_sex_that_contradicts_it_even_from_the_owner()
    {
        var bad = await Should.ThrowAsync<PostgresException>(() => Db.ScalarAsync("""
            INSERT INTO residents (tenant_id, citizen_id, name, sex, birth_date, village_id, hukou_type)
            VALUES ($1, '110105194912310021', '错号', 'female', '1949-12-31', $2, 'local')
            """, World.TenantA, World.BaogouVillage.Id));
        bad.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);

        var sex = await Should.ThrowAsync<PostgresException>(() => Db.ScalarAsync("""
            INSERT INTO residents (tenant_id, citizen_id, name, sex, birth_date, village_id, hukou_type)
            VALUES ($1, '11010519491231002X', '错性别', 'male', '1949-12-31', $2, 'local')
            """, World.TenantA, World.BaogouVillage.Id));
        sex.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
    }

    [Fact]
    public async Task Two_people_changing_a_quota_at_once_get_a_conflict_not_a_lost_update()
    {
        var quotaId = await Db.ScalarAsync("SELECT min(id) FROM quotas WHERE tenant_id = $1", World.TenantA);
        await using var first = Db.AppContext(TenantContext.For(World.TenantA, "first"));
        await using var second = Db.AppContext(TenantContext.For(World.TenantA, "second"));
        var one = await first.Quotas.SingleAsync(q => q.Id == quotaId);
        var two = await second.Quotas.SingleAsync(q => q.Id == quotaId);
        one.Change(1200, null, "第一次调整", DateTimeOffset.UtcNow);
        two.Change(1500, null, "同时调整", DateTimeOffset.UtcNow);
        await first.SaveChangesAsync();
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        (await Db.ScalarAsync("SELECT target FROM quotas WHERE id = $1 AND tenant_id = $2", quotaId, World.TenantA)).ShouldBe(1200);
        (await Db.ScalarAsync("SELECT count(*) FROM quota_changes WHERE reason = '同时调整'")).ShouldBe(0);
        (await Db.ScalarAsync("SELECT count(*) FROM quota_changes WHERE reason = '第一次调整' AND previous_target = 1000")).ShouldBe(1);
        (await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE actor = 'second'")).ShouldBe(0);
    }

    [Fact]
    public async Task Moving_a_village_rewrites_its_subtree_and_cycles_are_refused()
    {
        await using var db = Db.AppContext(World.TenantA);
        var county = World.BaogouTownship.ParentId!.Value;
        var from = new Jurisdiction { ParentId = county, Level = JurisdictionLevel.Township, Name = "甲镇" };
        var to = new Jurisdiction { ParentId = county, Level = JurisdictionLevel.Township, Name = "乙镇" };
        db.Jurisdictions.AddRange(from, to);
        await db.SaveChangesAsync();
        var village = new Jurisdiction { ParentId = from.Id, Level = JurisdictionLevel.Village, Name = "丙村" };
        db.Jurisdictions.Add(village);
        await db.SaveChangesAsync();
        var natural = new Jurisdiction { ParentId = village.Id, Level = JurisdictionLevel.NaturalVillage, Name = "丁屯" };
        db.Jurisdictions.Add(natural);
        await db.SaveChangesAsync();
        natural.Path.ShouldBe($"/{county}/{from.Id}/{village.Id}/{natural.Id}/");

        village.ParentId = to.Id;
        await db.SaveChangesAsync();
        village.Path.ShouldBe($"/{county}/{to.Id}/{village.Id}/");
        (await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == natural.Id)).Path.ShouldBe($"/{county}/{to.Id}/{village.Id}/{natural.Id}/");

        await using var scoped = Db.AppContext(World.TenantA, to.Path);
        (await scoped.Jurisdictions.OrderBy(j => j.Path).Select(j => j.Name).ToListAsync()).ShouldBe(["乙镇", "丙村", "丁屯"]);

        var cycle = await Should.ThrowAsync<PostgresException>(() => Db.ScalarAsync(
            "UPDATE jurisdictions SET parent_id = $1 WHERE tenant_id = $2 AND id = $3", natural.Id, World.TenantA, village.Id));
        cycle.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
    }
}
