using Enrollment.Data.Tenancy;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>Wall 2: row-level security, proved with raw SQL on the app role (no EF, no query filters).</summary>
public sealed class RowLevelSecurityTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    [Fact]
    public async Task With_tenant_A_set_raw_SQL_returns_no_row_of_tenant_B_in_any_tenant_table()
    {
        var tables = await Catalog.TenantTablesAsync(Db.Owner);
        tables.Count.ShouldBe(18);
        await using var connection = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test"));
        foreach (var table in tables)
        {
            var (mine, others) = await CountAsync(connection, table, World.TenantA);
            mine.ShouldBeGreaterThan(0, $"{table} has rows of tenant A");
            others.ShouldBe(0, $"{table} shows rows of another tenant");
            // The rows are there: the owner sees B's.
            (await Db.ScalarAsync($"SELECT count(*) FROM {table} WHERE tenant_id = $1", World.TenantB)).ShouldBeGreaterThan(0, table);
        }
    }

    [Fact]
    public async Task With_no_tenant_set_the_app_role_sees_nothing()
    {
        await using var connection = await TenantConnections.OpenAsync(Db.App, new TenantContext());
        foreach (var table in await Catalog.TenantTablesAsync(Db.Owner))
        {
            (await ScalarAsync(connection, $"SELECT count(*) FROM {table}")).ShouldBe(0, table);
        }
        // A plain connection that never set the tenant sees nothing either.
        await using var plain = await Db.App.OpenConnectionAsync();
        (await ScalarAsync(plain, "SELECT count(*) FROM residents")).ShouldBe(0);
        (await ScalarAsync(plain, "SELECT count(*) FROM category_codes")).ShouldBe(17);
    }

    [Fact]
    public async Task With_tenant_A_set_rows_of_tenant_B_cannot_be_inserted_updated_or_deleted()
    {
        await using var connection = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test"));

        var insert = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            "INSERT INTO jurisdictions (tenant_id, level, name) VALUES ($1, 'county', '冒充县')", World.TenantB));
        insert.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        insert.MessageText.ShouldContain("row-level security");

        var audit = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            "INSERT INTO audit_log (tenant_id, occurred_at, actor, entity, entity_key, action, after) " +
            "VALUES ($1, now(), 'x', 'residents', '{}', 'insert', '{}')", World.TenantB));
        audit.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        // Moving an own row to tenant B is refused by WITH CHECK.
        var move = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            "UPDATE residents SET tenant_id = $1 WHERE id = $2", World.TenantB, World.ResidentA1));
        move.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        // B's rows are invisible to UPDATE and DELETE: nothing happens.
        (await ExecuteAsync(connection, "UPDATE residents SET name = 'x' WHERE tenant_id = $1", World.TenantB)).ShouldBe(0);
        (await ExecuteAsync(connection, "DELETE FROM exclusions WHERE tenant_id = $1", World.TenantB)).ShouldBe(0);
        (await Db.ScalarAsync("SELECT count(*) FROM residents WHERE tenant_id = $1 AND name = '黄秀英'", World.TenantB)).ShouldBe(1);
        (await Db.ScalarAsync("SELECT count(*) FROM exclusions WHERE tenant_id = $1", World.TenantB)).ShouldBe(1);

        // The registry is readable by all but writable only for the own tenant.
        var registry = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            "INSERT INTO id_hash_registry (id_hash, tenant_id) VALUES ($1, $2)", new byte[32], World.TenantB));
        registry.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task A_connection_returned_to_the_pool_does_not_keep_the_tenant()
    {
        await using (var first = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test")))
        {
            (await ScalarAsync(first, "SELECT count(*) FROM residents")).ShouldBe(2);
        }
        await using var second = await Db.App.OpenConnectionAsync();
        (await ScalarAsync(second, "SELECT count(*) FROM residents")).ShouldBe(0);
    }

    [Fact]
    public async Task The_app_role_cannot_update_delete_or_truncate_the_audit_logs()
    {
        await using var connection = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test"));
        (await ScalarAsync(connection, "SELECT count(*) FROM audit_log")).ShouldBeGreaterThan(0);
        foreach (var sql in new[]
                 {
                     "UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log",
                     "UPDATE system_audit_log SET actor = 'x'", "DELETE FROM system_audit_log",
                 })
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, sql));
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
        // Not even the owner may rewrite history: the trigger refuses.
        var owner = await Should.ThrowAsync<PostgresException>(() => Db.ScalarAsync("DELETE FROM audit_log"));
        owner.MessageText.ShouldContain("append-only");
    }

    [Fact]
    public async Task The_app_role_owns_nothing_and_cannot_bypass_row_level_security()
    {
        (await Db.ScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname = 'enrollment_app' AND (rolsuper OR rolbypassrls)")).ShouldBe(0);
        (await Db.ScalarAsync("SELECT count(*) FROM pg_class WHERE relowner = 'enrollment_app'::regrole")).ShouldBe(0);
        foreach (var table in await Catalog.TenantTablesAsync(Db.Owner))
        {
            (await Db.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = $1 AND relrowsecurity", table)).ShouldBe(1, table);
            (await Db.ScalarAsync(
                "SELECT count(*) FROM pg_policies WHERE tablename = $1 AND cmd = 'ALL' AND qual LIKE '%app.tenant_id%' AND with_check LIKE '%app.tenant_id%'",
                table)).ShouldBe(1, table);
        }
    }

    [Fact]
    public async Task COPY_into_a_tenant_table_is_refused_for_the_app_role_and_works_for_the_owner()
    {
        const string copy = "COPY campaign_phases (tenant_id, campaign_id, ordinal, name, starts_on, ends_on) FROM STDIN (FORMAT BINARY)";
        var campaign = await Db.ScalarAsync("SELECT min(id) FROM campaigns WHERE tenant_id = $1", World.TenantA);
        await using (var connection = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test")))
        {
            var error = await Should.ThrowAsync<PostgresException>(async () =>
            {
                await using var importer = await connection.BeginBinaryImportAsync(copy);
            });
            error.SqlState.ShouldBe(PostgresErrorCodes.FeatureNotSupported);
        }
        await using (var connection = await Db.Owner.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync(copy))
        {
            await importer.WriteRowAsync(default, World.TenantA, campaign, 9, "批量导入", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 2));
            (await importer.CompleteAsync()).ShouldBe(1UL);
        }
        (await Db.ScalarAsync("SELECT count(*) FROM campaign_phases WHERE name = '批量导入' AND tenant_id = $1", World.TenantA)).ShouldBe(1);
    }

    private static async Task<(long Mine, long Others)> CountAsync(NpgsqlConnection connection, string table, int tenant) =>
        (await ScalarAsync(connection, $"SELECT count(*) FROM {table} WHERE tenant_id = $1", tenant),
         await ScalarAsync(connection, $"SELECT count(*) FROM {table} WHERE tenant_id <> $1", tenant));

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return await command.ExecuteNonQueryAsync();
    }
}
