using Enrollment.Data.Tenancy;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>
/// What the app role (enrollment_app, the web process's only database identity) can no longer do even with SQL of
/// its own: write accounts except through the account functions, take over or make a system administrator, change
/// another county's account, move an account to another county or rename it, write audit rows by INSERT, write audit
/// rows for a tenant it does not act for, or name an actor that is not a real account under its own login.
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
        // What accounts do change still changes, through the account functions.
        await Execute(app, "SELECT account_edit($1, '滕州 医保局（改）', 'bureau_admin', NULL)", World.UserA);
        await Execute(app, "SELECT account_set_active($1, true)", World.UserA);
        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE id = $1 AND display_name = '滕州 医保局（改）'", World.UserA)).ShouldBe(1);

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

    [Fact]
    public async Task The_app_role_writes_accounts_only_through_the_account_functions()
    {
        await using var app = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test"));

        (await Refused(app, "UPDATE user_accounts SET display_name = 'x' WHERE id = $1", World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "UPDATE user_accounts SET password_hash = 'known' WHERE id = $1", World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "INSERT INTO user_accounts (tenant_id, login, display_name, role) VALUES ($1, 'direct', 'x', 'bureau_staff')", World.TenantA))
            .ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "DELETE FROM user_accounts WHERE id = $1", World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        // A new account of the county the session acts for: made to change its temporary password.
        await Execute(app, "SELECT account_create($1, 'tz-made', '滕州 新建', 'hash', 'bureau_staff', NULL)", World.TenantA);
        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE login = 'tz-made' AND tenant_id = $1 AND must_change_password", World.TenantA)).ShouldBe(1);
        // A township clerk is bound to a township of the account's county, not to a village.
        (await Refused(app, "SELECT account_create($1, 'tz-village-clerk', 'x', 'hash', 'township_staff', $2)", World.TenantA, World.BaogouVillage.Id))
            .ShouldBe(PostgresErrorCodes.CheckViolation);
        await Execute(app, "SELECT account_create($1, 'tz-clerk', 'x', 'hash', 'township_staff', $2)", World.TenantA, World.BaogouTownship.Id);
    }

    [Fact]
    public async Task A_system_administrators_password_and_role_cannot_be_taken_over()
    {
        var admin = await Db.ScalarAsync(
            "INSERT INTO user_accounts (login, display_name, role, password_hash, must_change_password) VALUES ('root-admin', '系统管理员', 'system_admin', 'original', false) RETURNING id");
        var stamp = await StampOf(admin);
        foreach (var tenant in new[] { new TenantContext(), TenantContext.For(World.TenantA, "test") })
        {
            await using var app = await TenantConnections.OpenAsync(Db.App, tenant);
            (await Refused(app, "UPDATE user_accounts SET password_hash = 'known' WHERE id = $1", admin)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Refused(app, "SELECT account_reset_password($1, 'known')", admin)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            // The user's own change needs the current hash; a guess is refused.
            (await Refused(app, "SELECT account_change_password($1, 'guessed', 'known')", admin)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Refused(app, "SELECT account_edit($1, 'x', 'bureau_admin', NULL)", admin)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Refused(app, "SELECT account_set_active($1, false)", admin)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            // Nor is a county's account promoted to system administrator.
            (await Refused(app, "SELECT account_edit($1, 'x', 'system_admin', NULL)", World.UserA)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE id = $1 AND password_hash = 'original' AND is_active AND role = 'system_admin'", admin)).ShouldBe(1);
        (await StampOf(admin)).ShouldBe(stamp);
        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE id = $1 AND role = 'bureau_admin'", World.UserA)).ShouldBe(1);
    }

    [Fact]
    public async Task No_system_administrator_is_made_by_the_app_role()
    {
        foreach (var tenant in new[] { new TenantContext(), TenantContext.For(World.TenantA, "test") })
        {
            await using var app = await TenantConnections.OpenAsync(Db.App, tenant);
            (await Refused(app, "INSERT INTO user_accounts (login, display_name, role, password_hash) VALUES ('evil-root', 'x', 'system_admin', 'known')"))
                .ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Refused(app, "SELECT account_create(NULL, 'evil-root', 'x', 'known', 'system_admin', NULL)")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Refused(app, "SELECT account_create($1, 'evil-root', 'x', 'known', 'system_admin', NULL)", World.TenantA))
                .ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            // A county that does not exist gets no account either.
            (await Refused(app, "SELECT account_create(999999, 'evil-root', 'x', 'known', 'bureau_admin', NULL)")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE login = 'evil-root'")).ShouldBe(0);
    }

    [Fact]
    public async Task Another_countys_account_is_not_changed_by_a_session_acting_for_this_one()
    {
        var other = await Db.ScalarAsync(
            "INSERT INTO user_accounts (tenant_id, login, display_name, role, password_hash) VALUES ($1, 'pb-staff', '浦北 工作人员', 'bureau_staff', 'original') RETURNING id",
            World.TenantB);
        var otherJurisdiction = await Db.ScalarAsync("SELECT min(id) FROM jurisdictions WHERE tenant_id = $1", World.TenantB);
        await using var app = await TenantConnections.OpenAsync(Db.App, TenantContext.For(World.TenantA, "test"));

        (await Refused(app, "SELECT account_reset_password($1, 'known')", other)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "SELECT account_edit($1, 'x', 'bureau_admin', NULL)", other)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "SELECT account_set_active($1, false)", other)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, "SELECT account_create($1, 'pb-new', 'x', 'known', 'bureau_admin', NULL)", World.TenantB)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        // Nor is this county's account bound to a jurisdiction of another county.
        (await Refused(app, "SELECT account_edit($1, 'x', 'bureau_staff', $2)", World.UserA, otherJurisdiction)).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE id = $1 AND password_hash = 'original' AND is_active AND role = 'bureau_staff'", other)).ShouldBe(1);
        (await Db.ScalarAsync("SELECT count(*) FROM user_accounts WHERE login = 'pb-new'")).ShouldBe(0);
    }

    [Fact]
    public async Task System_audit_rows_name_a_real_account_under_its_own_login()
    {
        await using var app = await TenantConnections.OpenAsync(Db.App, new TenantContext());
        var before = await Db.ScalarAsync("SELECT count(*) FROM system_audit_log");

        (await Refused(app, SystemAppend, DBNull.Value, "function-test", "update")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, SystemAppend, DBNull.Value, "function-test", "sign_in")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, SystemAppend, World.UserA, "someone-else", "update")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Refused(app, SystemAppend, 999_999_999L, "tz-bureau", "update")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Db.ScalarAsync("SELECT count(*) FROM system_audit_log")).ShouldBe(before);

        // The account under its own login; and a failed sign-in with a login nobody holds, which names no account.
        await Execute(app, SystemAppend, World.UserA, "tz-bureau", "update");
        await Execute(app, SystemAppend, DBNull.Value, "nobody-here", "sign_in_failed");
        (await Db.ScalarAsync("SELECT count(*) FROM system_audit_log")).ShouldBe(before + 2);
    }

    private const string SystemAppend = """
        SELECT append_system_audit(ARRAY[NULL::integer], ARRAY[now()], ARRAY[$1::bigint], ARRAY[$2::text], ARRAY['user_accounts'],
            ARRAY['{"id": null}'], ARRAY[$3::text], ARRAY[NULL::text], ARRAY['{"address": null}'])
        """;

    private async Task<string?> StampOf(long id)
    {
        await using var command = Db.Owner.CreateCommand("SELECT security_stamp FROM user_accounts WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string?)await command.ExecuteScalarAsync();
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
