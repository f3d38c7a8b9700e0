using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Enrollment.Data.Tests;

internal sealed record ColumnShape(string Name, string StoreType, bool Nullable);

internal sealed record ForeignKeyShape(string Columns, string PrincipalTable, string PrincipalColumns);

internal sealed record TableShape(string Name, IReadOnlyList<ColumnShape> Columns, string PrimaryKey, IReadOnlyList<ForeignKeyShape> ForeignKeys);

/// <summary>The shape of tables as the EF model expects them and as the database has them, and their comparison.</summary>
internal static class SchemaShape
{
    /// <summary>Tables the model need not map.</summary>
    public static readonly IReadOnlySet<string> Unmapped = new HashSet<string>(StringComparer.Ordinal) { "schema_migrations" };

    public static List<TableShape> FromModel(IModel model) =>
    [
        .. model.GetEntityTypes().Where(t => !t.IsOwned()).Select(type =>
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            static string Columns(IEnumerable<IProperty> properties, StoreObjectIdentifier on) =>
                string.Join(",", properties.Select(p => p.GetColumnName(on)));
            return new TableShape(
                table.Name,
                // xmin is PostgreSQL's system column, used as a concurrency token: never created by a migration.
                [.. type.GetProperties().Where(p => p.GetColumnName(table) != "xmin").Select(p => new ColumnShape(p.GetColumnName(table)!, p.GetColumnType(), p.IsColumnNullable(table)))],
                Columns(type.FindPrimaryKey()!.Properties, table),
                [.. type.GetForeignKeys().Select(fk => new ForeignKeyShape(
                    Columns(fk.Properties, table),
                    fk.PrincipalEntityType.GetTableName()!,
                    Columns(fk.PrincipalKey.Properties, StoreObjectIdentifier.Table(fk.PrincipalEntityType.GetTableName()!, null))))]);
        }),
    ];

    public static async Task<List<TableShape>> FromDatabaseAsync(NpgsqlDataSource owner)
    {
        var columns = new Dictionary<string, List<ColumnShape>>();
        await using (var command = owner.CreateCommand("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var list))
                {
                    columns[table] = list = [];
                }
                list.Add(new ColumnShape(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
            }
        }

        var keys = new Dictionary<string, string>();
        var foreignKeys = new Dictionary<string, List<ForeignKeyShape>>();
        await using (var command = owner.CreateCommand("""
            SELECT t.relname, c.contype::text, coalesce(f.relname, ''),
                   array_to_string(array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ','),
                   coalesce(array_to_string(array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ','), '')
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            LEFT JOIN pg_class f ON f.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype IN ('p', 'f')
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (reader.GetString(1) == "p")
                {
                    keys[table] = reader.GetString(3);
                    continue;
                }
                if (!foreignKeys.TryGetValue(table, out var list))
                {
                    foreignKeys[table] = list = [];
                }
                list.Add(new ForeignKeyShape(reader.GetString(3), reader.GetString(2), reader.GetString(4)));
            }
        }
        return [.. columns.Select(c => new TableShape(c.Key, c.Value, keys.GetValueOrDefault(c.Key, ""), foreignKeys.GetValueOrDefault(c.Key, [])))];
    }

    /// <summary>
    /// Every mapped table and column exists with a compatible type, the same nullability and primary key, every
    /// foreign key the model relies on exists, and the database has no table or column the model does not map.
    /// </summary>
    public static List<string> Compare(IReadOnlyList<TableShape> model, IReadOnlyList<TableShape> database)
    {
        var problems = new List<string>();
        var actual = database.ToDictionary(t => t.Name);
        foreach (var expected in model)
        {
            if (!actual.TryGetValue(expected.Name, out var table))
            {
                problems.Add($"{expected.Name}: mapped table missing from the database");
                continue;
            }
            var columns = table.Columns.ToDictionary(c => c.Name);
            foreach (var column in expected.Columns)
            {
                if (!columns.TryGetValue(column.Name, out var found))
                {
                    problems.Add($"{expected.Name}.{column.Name}: mapped column missing from the database");
                    continue;
                }
                if (Normalize(column.StoreType) != Normalize(found.StoreType))
                {
                    problems.Add($"{expected.Name}.{column.Name}: model type {column.StoreType}, database type {found.StoreType}");
                }
                if (column.Nullable != found.Nullable)
                {
                    problems.Add($"{expected.Name}.{column.Name}: model {(column.Nullable ? "NULL" : "NOT NULL")}, database {(found.Nullable ? "NULL" : "NOT NULL")}");
                }
            }
            foreach (var extra in table.Columns.Where(c => expected.Columns.All(e => e.Name != c.Name)))
            {
                problems.Add($"{expected.Name}.{extra.Name}: database column not mapped by the model");
            }
            if (expected.PrimaryKey != table.PrimaryKey)
            {
                problems.Add($"{expected.Name}: model primary key ({expected.PrimaryKey}), database ({table.PrimaryKey})");
            }
            foreach (var fk in expected.ForeignKeys.Where(fk => !table.ForeignKeys.Contains(fk)))
            {
                problems.Add($"{expected.Name}: model foreign key ({fk.Columns}) → {fk.PrincipalTable} ({fk.PrincipalColumns}) missing from the database");
            }
        }
        foreach (var table in database.Where(t => !Unmapped.Contains(t.Name) && model.All(m => m.Name != t.Name)))
        {
            problems.Add($"{table.Name}: database table not mapped by the model");
        }
        problems.Sort(StringComparer.Ordinal);
        return problems;
    }

    private static string Normalize(string storeType)
    {
        var type = storeType.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        return type switch
        {
            "timestamptz" => "timestampwithtimezone",
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "int2" => "smallint",
            "bool" => "boolean",
            "varchar" => "charactervarying",
            _ => type.StartsWith("decimal", StringComparison.Ordinal) ? "numeric" + type["decimal".Length..] : type,
        };
    }
}
