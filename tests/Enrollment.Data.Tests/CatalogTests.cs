using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>
/// Citus-ready keys, read from pg_catalog: every table outside the allow-list has tenant_id, and tenant_id is in
/// its primary key, every unique constraint or unique index, and both sides of every foreign key to another
/// tenant-owned table. (Foreign keys to global tables are allowed: they become references to reference tables.)
/// </summary>
public sealed class CatalogTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_tenant_table_carries_tenant_id_in_its_keys_unique_constraints_and_foreign_keys()
    {
        await using var owner = NpgsqlDataSource.Create(fixture.ConnectionString);
        var problems = await TenancyRules.CheckAsync(owner, Catalog.GlobalTables);
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_allow_list_names_existing_tables_and_matches_the_global_entities_of_the_model()
    {
        await using var owner = NpgsqlDataSource.Create(fixture.ConnectionString);
        var tables = await Catalog.TablesAsync(owner);
        Catalog.GlobalTables.Except(tables).ShouldBeEmpty();

        await using var db = new EnrollmentDbContext(
            DataServiceCollectionExtensions.CreateOptions(owner), new TenantContext());
        var globalEntities = db.Model.GetEntityTypes()
            .Where(t => !typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).Select(t => t.GetTableName()!).ToHashSet();
        var tenantEntities = db.Model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).Select(t => t.GetTableName()!).ToHashSet();
        globalEntities.ShouldBe(Catalog.GlobalTables.Where(t => t != "schema_migrations"), ignoreOrder: true);
        tenantEntities.ShouldBe(await Catalog.TenantTablesAsync(owner), ignoreOrder: true);
    }

    [Fact]
    public async Task The_rules_catch_a_table_that_breaks_them()
    {
        // Prove the check can fail: a scratch schema with one table of each kind of mistake.
        await using var owner = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using (var command = owner.CreateCommand("""
            CREATE TABLE bad_no_tenant (id bigint PRIMARY KEY);
            CREATE TABLE bad_pk (tenant_id integer NOT NULL, id bigint PRIMARY KEY, code text, UNIQUE (code));
            CREATE TABLE bad_fk (tenant_id integer NOT NULL, id bigint, pk_id bigint REFERENCES bad_pk (id),
                                 PRIMARY KEY (tenant_id, id));
            CREATE UNIQUE INDEX bad_fk_index ON bad_fk (pk_id);
            """))
        {
            await command.ExecuteNonQueryAsync();
        }
        try
        {
            var problems = await TenancyRules.CheckAsync(owner, Catalog.GlobalTables);
            problems.ShouldBe(
            [
                "bad_fk: foreign key bad_fk_pk_id_fkey (pk_id) → bad_pk does not include tenant_id on both sides",
                "bad_fk: unique bad_fk_index (pk_id) does not include tenant_id",
                "bad_no_tenant: no tenant_id column (add it, or add the table to the global allow-list)",
                "bad_no_tenant: primary key bad_no_tenant_pkey (id) does not include tenant_id",
                "bad_pk: primary key bad_pk_pkey (id) does not include tenant_id",
                "bad_pk: unique bad_pk_code_key (code) does not include tenant_id",
            ]);
        }
        finally
        {
            await using var drop = owner.CreateCommand("DROP TABLE bad_fk, bad_pk, bad_no_tenant");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
