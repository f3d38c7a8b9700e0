using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>Reads the database catalog; holds the allow-list of global tables.</summary>
internal static class Catalog
{
    /// <summary>Tables shared by all tenants (reference tables in Citus). Every other table is tenant-owned.</summary>
    public static readonly IReadOnlySet<string> GlobalTables = new HashSet<string>(StringComparer.Ordinal)
    {
        "schema_migrations",
        "tenants",
        "user_accounts",
        "category_codes",
        "payment_channels",
        "exclusion_reasons",
        "hukou_types",
        "id_hash_registry",
        "system_audit_log",
    };

    public static async Task<List<string>> TablesAsync(NpgsqlDataSource owner)
    {
        var tables = new List<string>();
        await using var command = owner.CreateCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    public static async Task<List<string>> TenantTablesAsync(NpgsqlDataSource owner) =>
        [.. (await TablesAsync(owner)).Where(t => !GlobalTables.Contains(t))];
}
