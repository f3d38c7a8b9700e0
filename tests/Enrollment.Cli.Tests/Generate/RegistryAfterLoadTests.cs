using Enrollment.Cli.Generate;
using Enrollment.Data.Registry;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Cli.Tests.Generate;

/// <summary>COPY as the owner skips the DbContext's registry writes: generate reconciles id_hash_registry itself.</summary>
public sealed class RegistryAfterLoadTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task After_generate_the_registry_holds_one_hash_per_resident_under_the_given_key()
    {
        var exit = await GenerateCommand.Create().Parse(
        [
            "--tenant", "qufu", "--residents", "1500", "--paid-fraction", "0.9", "--seed", "5",
            "--id-hash-key", TestKeys.IdHashKey, "--connection", database.ConnectionString,
        ]).InvokeAsync();
        exit.ShouldBe(0);

        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        (await Scalar(db, """
            SELECT count(*) FROM id_hash_registry h JOIN tenants t ON t.id = h.tenant_id WHERE t.code = 'qufu'
            """)).ShouldBe(1_500L);
        (await Scalar(db, "SELECT count(DISTINCT id_hash) FROM id_hash_registry")).ShouldBe(1_500L);

        // The hashes are the web app's: the same key and normalisation find a generated resident.
        var citizenId = (string)(await Scalar(db, "SELECT min(citizen_id) FROM residents"))!;
        await using var find = new NpgsqlCommand("SELECT count(*) FROM id_hash_registry WHERE id_hash = $1", db);
        find.Parameters.Add(new NpgsqlParameter { Value = CitizenIdHasher.FromBase64(TestKeys.IdHashKey).Hash(citizenId) });
        (await find.ExecuteScalarAsync()).ShouldBe(1L);
    }

    [Fact]
    public void Without_a_key_the_commands_refuse_and_say_which_setting_to_give()
    {
        RegistryKey.TryResolve(null, null, out _, out var missing).ShouldBeFalse();
        missing.ShouldContain("--id-hash-key");
        missing.ShouldContain("Enrollment__IdHashKey");

        RegistryKey.TryResolve("c2hvcnQ=", null, out _, out var tooShort).ShouldBeFalse();
        tooShort.ShouldContain("at least 32 bytes");

        RegistryKey.TryResolve(null, TestKeys.IdHashKey, out var fromEnvironment, out _).ShouldBeTrue();
        fromEnvironment.IsConfigured.ShouldBeTrue();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
