using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>The EF model and the migrated database agree (no EF migrations here: the SQL files are the schema).</summary>
public sealed class SchemaDriftTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_EF_model_matches_the_migrated_database()
    {
        await using var owner = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(owner), new TenantContext());
        var model = SchemaShape.FromModel(db.Model);
        var database = await SchemaShape.FromDatabaseAsync(owner);

        SchemaShape.Compare(model, database).ShouldBeEmpty();
        model.Count.ShouldBe(26);
        db.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.GetColumnName() == "xmin")
            .ShouldAllBe(p => p.GetColumnType() == "xid" && p.IsConcurrencyToken);
        model.Sum(t => t.Columns.Count).ShouldBeGreaterThan(150);
    }

    [Fact]
    public void The_comparison_reports_each_kind_of_drift()
    {
        var model = new List<TableShape>
        {
            new("residents",
                [new("tenant_id", "integer", false), new("id", "bigint", false), new("birth_date", "date", false),
                 new("phone", "text", true), new("amount", "numeric(12,2)", false), new("created_at", "timestamp with time zone", false)],
                "tenant_id,id",
                [new ForeignKeyShape("tenant_id,village_id", "jurisdictions", "tenant_id,id")]),
            new("missing_table", [new("id", "bigint", false)], "id", []),
        };
        var database = new List<TableShape>
        {
            new("residents",
                [new("tenant_id", "integer", false), new("id", "integer", false), new("birth_date", "date", true),
                 new("amount", "numeric(10,2)", false), new("created_at", "timestamptz", false), new("extra", "text", true)],
                "id",
                [new ForeignKeyShape("village_id", "jurisdictions", "id")]),
            new("schema_migrations", [new("version", "integer", false)], "version", []),
            new("stray", [new("id", "bigint", false)], "id", []),
        };

        SchemaShape.Compare(model, database).ShouldBe(
        [
            "missing_table: mapped table missing from the database",
            "residents.amount: model type numeric(12,2), database type numeric(10,2)",
            "residents.birth_date: model NOT NULL, database NULL",
            "residents.extra: database column not mapped by the model",
            "residents.id: model type bigint, database type integer",
            "residents.phone: mapped column missing from the database",
            "residents: model foreign key (tenant_id,village_id) → jurisdictions (tenant_id,id) missing from the database",
            "residents: model primary key (tenant_id,id), database (id)",
            "stray: database table not mapped by the model",
        ]);
    }
}
