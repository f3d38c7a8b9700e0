using Enrollment.Data.Imports;
using Enrollment.Data.Tenancy;
using static Enrollment.Data.Tests.Imports.ImportWorld;

namespace Enrollment.Data.Tests.Imports;

/// <summary>The commit as the app role with row-level security: one transaction, idempotent, registry and audit written.</summary>
public sealed class ResidentImportCommitTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TenantContext Clerk => TenantContext.For(fixture.World.TenantA, "clerk", jurisdictionPath: fixture.World.BaogouTownship.Path);

    [Fact]
    public async Task Accepted_rows_are_stored_once_and_the_same_file_again_changes_nothing()
    {
        var head = Id("19700101", 311);
        var file = await XlsxAsync(
            Row("鲍沟镇", "大北坞村", "H-1", "许一", head, "户主", phone: "13800001111", address: "大北坞村8号"),
            Row("鲍沟镇", "大北坞村", "H-1", "何二", Id("19720101", 322), "配偶", insured: "否"),
            Row("鲍沟镇", "大北坞村", "H-1", "许三", Id("20000101", 331), "子"),
            Row("滨湖镇", "渠庄村", "H-2", "吕四", Id("19700101", 341), "户主"));
        var audits = await fixture.Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE entity = 'residents' AND after ->> 'operation' = 'import'");

        var preview = await CheckAsync(fixture.Db, Clerk, file);
        var outcome = await CommitAsync(fixture.Db, Clerk, preview);

        preview.Counts.ShouldBe(new ImportCounts(4, 3, 0, 1));
        outcome.Error.ShouldBeNull();
        (outcome.Residents, outcome.Households).ShouldBe((3, 1));
        (await fixture.Db.ScalarAsync("""
            SELECT count(*) FROM residents r JOIN households h ON h.tenant_id = r.tenant_id AND h.id = r.household_id
            WHERE h.household_number = 'H-1' AND h.address = '大北坞村8号' AND r.status = 'active'
              AND h.head_resident_id = (SELECT id FROM residents WHERE citizen_id = $1)
            """, head)).ShouldBe(3L);
        (await fixture.Db.ScalarAsync("SELECT count(*) FROM residents WHERE citizen_id = $1 AND phone = '13800001111' AND relation_to_head = 'self'", head)).ShouldBe(1L);
        (await fixture.Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE id_hash = $1 AND tenant_id = $2 AND released_at IS NULL",
            TestDb.Hasher.Hash(head), fixture.World.TenantA)).ShouldBe(1L);
        (await fixture.Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE entity = 'residents' AND after ->> 'operation' = 'import'")).ShouldBe(audits + 1);

        var again = await CheckAsync(fixture.Db, Clerk, file);
        again.Counts.ShouldBe(new ImportCounts(4, 0, 3, 1));
        (await CommitAsync(fixture.Db, Clerk, again)).Residents.ShouldBe(0);
    }

    [Fact]
    public async Task A_failure_during_the_commit_stores_nothing()
    {
        var late = Id("19700101", 411);
        var file = await XlsxAsync(
            Row("鲍沟镇", "大北坞村", "J-1", "施一", Id("19700101", 401), "户主"),
            Row("鲍沟镇", "大北坞村", "J-2", "张二", late, "户主"));
        var preview = await CheckAsync(fixture.Db, Clerk, file);
        preview.Counts.Accepted.ShouldBe(2);
        // Another county registers the second person between the preview and the commit.
        await fixture.Db.ScalarAsync("INSERT INTO id_hash_registry (id_hash, tenant_id) VALUES ($1, $2) RETURNING 1", TestDb.Hasher.Hash(late), fixture.World.TenantB);

        var outcome = await CommitAsync(fixture.Db, Clerk, preview);

        outcome.Error.ShouldNotBeNull().ShouldContain("没有导入任何人员");
        (await fixture.Db.ScalarAsync("SELECT count(*) FROM households WHERE household_number IN ('J-1', 'J-2')")).ShouldBe(0L);
        (await fixture.Db.ScalarAsync("SELECT count(*) FROM residents WHERE name IN ('施一', '张二')")).ShouldBe(0L);
    }

    [Fact]
    public async Task Members_join_a_household_already_registered_in_the_village()
    {
        var first = await XlsxAsync(Row("鲍沟镇", "大北坞村", "K-1", "孔一", Id("19600101", 511), "户主"));
        (await CommitAsync(fixture.Db, Clerk, await CheckAsync(fixture.Db, Clerk, first))).Residents.ShouldBe(1);
        var second = await XlsxAsync(
            Row("鲍沟镇", "大北坞村", "K-1", "孔一", Id("19600101", 511), "户主"),
            Row("鲍沟镇", "大北坞村", "K-1", "曹二", Id("19620101", 522), "配偶"));
        var elsewhere = await XlsxAsync(Row("滨湖镇", "渠庄村", "K-1", "严三", Id("19620101", 532), "户主"));

        var preview = await CheckAsync(fixture.Db, Clerk, second);
        var outcome = await CommitAsync(fixture.Db, Clerk, preview);
        var conflict = await CheckAsync(fixture.Db, TenantContext.For(fixture.World.TenantA, "county"), elsewhere);

        preview.Counts.ShouldBe(new ImportCounts(2, 1, 1, 0));
        outcome.Residents.ShouldBe(1);
        conflict.At(2).Code.ShouldBe(ImportCodes.HouseholdConflict);
        conflict.At(2).Message.ShouldNotBeNull().ShouldContain("其他村");
        (await fixture.Db.ScalarAsync("SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id WHERE h.household_number = 'K-1'")).ShouldBe(2L);
    }

    [Fact]
    public async Task New_residents_are_enrolled_in_the_open_campaign_with_the_history_the_file_states()
    {
        await fixture.Db.ScalarAsync("UPDATE campaigns SET status = 'open' WHERE code = 'tengzhou-2025' RETURNING 1");
        var file = await XlsxAsync(
            Row("鲍沟镇", "大北坞村", "L-1", "华一", Id("19650101", 611), "户主", insured: "是"),
            Row("鲍沟镇", "大北坞村", "L-1", "金二", Id("19660101", 622), "配偶", insured: "否"),
            Row("鲍沟镇", "大北坞村", "L-1", "华三", Id("19900101", 631), "子", insured: null));

        var outcome = await CommitAsync(fixture.Db, Clerk, await CheckAsync(fixture.Db, Clerk, file));

        outcome.Residents.ShouldBe(3);
        (await History("华一")).ShouldBe("continuing");
        (await History("金二")).ShouldBe("first_time");
        (await History("华三")).ShouldBe("continuing");
    }

    private async Task<string> History(string name)
    {
        await using var command = fixture.Db.Owner.CreateCommand("""
            SELECT e.history FROM enrollments e JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id WHERE r.name = $1 AND c.code = 'tengzhou-2025'
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = name });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
