using Enrollment.Data.Tenancy;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>
/// What the app role (enrollment_app, the web process's only database identity) can no longer do even with SQL of
/// its own: move an account to another county or rename it, write audit rows by INSERT, write audit rows for a
/// tenant it does not act for, or name an account that does not exist.
/// </summary>
public sealed class AppRoleTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    [Fact]
    public async Task An_account_keeps_its_county_login_and_id_whoever_asks()
    {
        await using var app = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test"));

        (await Refused(app, "UPDATE user_accounts SET tenant_id = $1 WHERE id = $2", World.TenantB, World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "UPDATE user_accounts SET login = 'taken-over' WHERE id = $1", World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "UPDATE tenants SET code = 'renamed' WHERE id = $1", World.TenantA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        // What accounts do change still changes.
        (await Execute(app, "UPDATE user_accounts SET display_name = '滕州 医保局（改）', is_active = true WHERE id = $1", World.UserA)).ShouldBe(1);

        // Not even the owner moves an account to another county.
        await using var owner = await Db.Owner.OpenConnectionAsync();
        (await Refused(owner, "UPDATE user_accounts SET tenant_id = $1 WHERE id = $2", World.TenantB, World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE id = $1 AND tenant_id = $2 AND login = 'tz-bureau'", World.UserA, World.TenantA)).ShouldBe(1);
    }

    [Fact]
    public async Task Audit_rows_are_written_only_through_the_audit_functions_for_the_own_tenant()
    {
        await using var app = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test"));
        var before = await Db.ScalarAsync("SELECT count(*) FROM audit_log") + await Db.ScalarAsync("SELECT count(*) FROM system_audit_log");

        (await Refused(app, "INSERT INTO audit_log (tenant_id, occurred_at, actor, entity, entity_key, action, after) VALUES ($1, now(), 'x', 'residents', '{}', 'insert', '{}')", World.TenantA))
            .ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "INSERT INTO system_audit_log (occurred_at, actor, entity, entity_key, action, after) VALUES (now(), 'forged', 'user_accounts', '{}', 'insert', '{}')"))
            .ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        // Through the function: another tenant's rows, or an account that does not exist, are refused.
        (await Refused(app, Append("append_audit"), World.TenantB, World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, Append("append_audit"), World.TenantA, 999_999_999L)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, Append("append_system_audit"), World.TenantB, World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Db.ScalarAsync("SELECT count(*) FROM audit_log") + await Db.ScalarAsync("SELECT count(*) FROM system_audit_log")).ShouldBe(before);

        await Execute(app, Append("append_audit"), World.TenantA, World.UserA);
        (await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE actor = 'function-test' AND tenant_id = $1", World.TenantA)).ShouldBe(1);
    }

    private static string Append(string function) =>
        "SELECT " + function + """
        (ARRAY[$1::integer], ARRAY[now()], ARRAY[$2::bigint], ARRAY['function-test'], ARRAY['residents'],
         ARRAY['{"id": 1}'], ARRAY['view'], ARRAY[NULL::text], ARRAY['{"viewed": "citizen_id"}'])
        """;

    private static async Task<string?> Refused(NpgsqlConnection connection, string sql, params object[] args)
    {
        var error = await Should.ThrowAsync<PostgresException>(() => Execute(connection, sql, args));
        return error.SqlState;
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return await command.ExecuteNonQueryAsync();
    }
}
