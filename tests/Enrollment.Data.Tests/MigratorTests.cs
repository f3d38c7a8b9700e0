using Enrollment.Data.Migrations;
using Enrollment.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>The SQL migrator on an empty database of its own (not the template).</summary>
public sealed class MigratorTests : IAsyncLifetime
{
    private readonly SqlMigrator migrator = new(NullLogger<SqlMigrator>.Instance);
    private string database = "";

    private string ConnectionString => TestPostgres.ConnectionStringFor(database);

    public async Task InitializeAsync() => database = await TestPostgres.CreateEmptyDatabaseAsync(nameof(MigratorTests));

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(database);

    [Fact]
    public async Task Migrates_an_empty_database_then_applies_nothing_and_refuses_an_edited_migration()
    {
        var applied = await migrator.MigrateAsync(ConnectionString);
        applied.Select(m => m.Version).ShouldBe(SqlMigrator.EmbeddedMigrations.Select(m => m.Version));
        applied.Select(m => m.Name).ShouldContain("roles_and_helpers");
        (await ScalarAsync("SELECT count(*) FROM schema_migrations")).ShouldBe(SqlMigrator.EmbeddedMigrations.Count);
        (await ScalarAsync("SELECT count(*) FROM category_codes")).ShouldBe(17);

        (await migrator.MigrateAsync(ConnectionString)).ShouldBeEmpty();

        await ScalarAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 4");
        var error = await Should.ThrowAsync<InvalidOperationException>(() => migrator.MigrateAsync(ConnectionString));
        error.Message.ShouldContain("0004_jurisdictions_and_residents was changed after it was applied");
    }

    [Fact]
    public async Task A_database_that_recorded_whole_file_checksums_takes_the_new_ones_and_a_comment_does_not_count()
    {
        await migrator.MigrateAsync(ConnectionString);
        // As recorded before checksums left comments out: 0003's whole-file checksum of the day it was applied.
        await ScalarAsync("UPDATE schema_migrations SET checksum = 'DC76A563CE26AA2535DB92018A5AADDC7392D95B687E0FF21C051885B583C129' WHERE version = 3");

        (await migrator.MigrateAsync(ConnectionString)).ShouldBeEmpty();

        (await TextAsync("SELECT checksum FROM schema_migrations WHERE version = 3"))
            .ShouldBe(SqlMigrator.EmbeddedMigrations.Single(m => m.Version == 3).Checksum);
        SqlMigrator.ChecksumOf("-- a comment\nSELECT 1;\n\n-- another\n").ShouldBe(SqlMigrator.ChecksumOf("-- changed comment\nSELECT 1;"));
        SqlMigrator.ChecksumOf("SELECT 1;").ShouldNotBe(SqlMigrator.ChecksumOf("SELECT 2;"));
    }

    [Fact]
    public void Migrations_are_numbered_without_gaps()
    {
        SqlMigrator.EmbeddedMigrations.Select(m => m.Version)
            .ShouldBe(Enumerable.Range(1, SqlMigrator.EmbeddedMigrations.Count));
    }

    private async Task<string> TextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
