using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>The catalog rules for tenant-owned tables (see <see cref="CatalogTests"/>), as a list of problems.</summary>
internal static class TenancyRules
{
    public static async Task<List<string>> CheckAsync(NpgsqlDataSource owner, IReadOnlySet<string> globalTables)
    {
        var problems = new List<string>();
        var tenantTables = (await Catalog.TablesAsync(owner)).Where(t => !globalTables.Contains(t)).ToHashSet();

        await using (var command = owner.CreateCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'
                                                             AND NOT a.attisdropped)
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (tenantTables.Contains(reader.GetString(0)))
                {
                    problems.Add($"{reader.GetString(0)}: no tenant_id column (add it, or add the table to the global allow-list)");
                }
            }
        }

        // Primary keys, unique constraints and unique indexes (partial ones included).
        await using (var command = owner.CreateCommand("""
            SELECT t.relname, i.relname, x.indisprimary,
                   array(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_attribute a
                         ON a.attrelid = t.oid AND a.attnum = k) AS columns
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND x.indisunique
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                var columns = reader.GetFieldValue<string[]>(3);
                if (tenantTables.Contains(table) && !columns.Contains("tenant_id"))
                {
                    var kind = reader.GetBoolean(2) ? "primary key" : "unique";
                    problems.Add($"{table}: {kind} {reader.GetString(1)} ({string.Join(", ", columns)}) does not include tenant_id");
                }
            }
        }

        // Foreign keys between tenant-owned tables: tenant_id must pair with tenant_id.
        await using (var command = owner.CreateCommand("""
            SELECT t.relname, f.relname, c.conname,
                   array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
                   array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_class f ON f.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype = 'f'
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (table, referenced) = (reader.GetString(0), reader.GetString(1));
                var (from, to) = (reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4));
                if (!tenantTables.Contains(table) || !tenantTables.Contains(referenced))
                {
                    continue;
                }
                var position = Array.IndexOf(from, "tenant_id");
                if (position < 0 || to[position] != "tenant_id")
                {
                    problems.Add($"{table}: foreign key {reader.GetString(2)} ({string.Join(", ", from)}) → {referenced} " +
                                 "does not include tenant_id on both sides");
                }
            }
        }
        problems.Sort(StringComparer.Ordinal);
        return problems;
    }
}
