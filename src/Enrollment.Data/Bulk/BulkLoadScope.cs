using Npgsql;

namespace Enrollment.Data.Bulk;

/// <summary>
/// Load first, build after (measured in docs/performance.md, "Synthetic county load"): detaches the foreign keys
/// and the non-unique secondary indexes of the tables about to be bulk-loaded, their primary keys and unique
/// constraints (and the foreign keys of other tables that reference them, which would otherwise pin those keys),
/// and rebuilds them afterwards — keys and indexes by one sort each instead of millions of random inserts (every
/// index its own job, a few sessions in parallel), statistics, then foreign keys as NOT VALID and VALIDATE, which
/// checks every loaded row (one table per session, in parallel). CHECK and NOT NULL constraints stay and check
/// every row. Runs as the schema owner and takes exclusive locks: for offline loads (generator, first import), not
/// for a database in use. If the process dies before <see cref="RestoreAsync"/>, run it again: the definitions are
/// kept in the table bulk_load_detached until restored.
/// </summary>
public sealed class BulkLoadScope
{
    private readonly string _connectionString;

    private BulkLoadScope(string connectionString) => _connectionString = connectionString;

    public static async Task<BulkLoadScope> DetachAsync(string connectionString, IReadOnlyList<string> tables, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS bulk_load_detached (
                ordinal     serial PRIMARY KEY,
                table_name  text NOT NULL,
                kind        text NOT NULL CHECK (kind IN ('key', 'index', 'foreign_key')),
                name        text NOT NULL,
                definition  text NOT NULL)
            """, cancellationToken);
        // A key's index is rebuilt on its own, then attached (USING INDEX); tables left by an older loader lack it.
        await ExecuteAsync(connection, "ALTER TABLE bulk_load_detached ADD COLUMN IF NOT EXISTS index_definition text NULL", cancellationToken);
        await using (var capture = new NpgsqlCommand("""
            INSERT INTO bulk_load_detached (table_name, kind, name, definition, index_definition)
            SELECT * FROM (
            SELECT c.relname AS table_name, 'index' AS kind, i.relname AS name, pg_get_indexdef(x.indexrelid), NULL
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
            UNION ALL
            SELECT c.relname, 'key', k.conname, pg_get_constraintdef(k.oid), pg_get_indexdef(k.conindid)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace AND k.contype IN ('p', 'u')
            UNION ALL
            SELECT c.relname, 'foreign_key', k.conname, pg_get_constraintdef(k.oid), NULL
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
            WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace
              AND (c.relname = ANY($1) OR (r.relname = ANY($1) AND r.relnamespace = 'public'::regnamespace))
            ) d
            ORDER BY kind = 'foreign_key' DESC, kind = 'key' DESC, table_name, name
            """, connection, transaction))
        {
            capture.Parameters.Add(new NpgsqlParameter { Value = tables.ToArray() });
            await capture.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, """
            DO $$
            DECLARE d record;
            BEGIN
                FOR d IN SELECT * FROM bulk_load_detached ORDER BY ordinal LOOP
                    IF d.kind IN ('foreign_key', 'key') THEN
                        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', d.table_name, d.name);
                    ELSE
                        EXECUTE format('DROP INDEX IF EXISTS %I', d.name);
                    END IF;
                END LOOP;
            END $$
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BulkLoadScope(connectionString);
    }

    /// <summary>Rebuilds what was detached (also after a crash, skipping what a previous attempt already rebuilt).</summary>
    public async Task RestoreAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken = default) =>
        await RestoreAsync(_connectionString, tables, cancellationToken);

    public static async Task RestoreAsync(string connectionString, IReadOnlyList<string> tables, CancellationToken cancellationToken = default)
    {
        List<DetachedObject> detached;
        IReadOnlyDictionary<string, long> sizes;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            if (await ScalarAsync(connection, "SELECT to_regclass('bulk_load_detached') IS NOT NULL", cancellationToken) is not true)
            {
                return;
            }

            detached = await DetachedObject.ReadAsync(connection, cancellationToken);
            sizes = await TableSizesAsync(connection, tables, cancellationToken);
        }

        // Every index (keys' too) is its own job, biggest table first, so the largest table's three sorts do not
        // run one after the other on one connection while the others idle. CREATE INDEX takes a SHARE lock, so
        // several build on one table at once; the keys are attached to their index afterwards (instant).
        var builds = detached.Where(d => d.Kind == "index" || d is { Kind: "key", IndexDefinition: not null })
            .OrderByDescending(d => sizes.GetValueOrDefault(d.Table)).ToList();
        await RestoreSessions.RunAsync(connectionString, builds, async (connection, build, ct) =>
        {
            if (await ScalarAsync(connection, $"SELECT to_regclass('\"{build.Name}\"') IS NULL", ct) is true)
            {
                await ExecuteAsync(connection, build.IndexDefinition ?? build.Definition, ct);
            }
        }, cancellationToken);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var key in detached.Where(d => d.Kind == "key"))
            {
                if (!await ConstraintExistsAsync(connection, key, cancellationToken))
                {
                    await ExecuteAsync(connection, key.AddKeySql(), cancellationToken);
                }
            }
        }

        // Statistics before the foreign keys: validation is a join per key, planned from these.
        await RestoreSessions.RunAsync(connectionString, tables.OrderByDescending(t => sizes.GetValueOrDefault(t)).ToList(),
            async (connection, table, ct) => await ExecuteAsync(connection, $"ANALYZE \"{table}\"", ct), cancellationToken);

        // Foreign keys need the referenced keys above. NOT VALID is instant and enforces every later write; then
        // VALIDATE checks every loaded row. It takes a lock that conflicts with itself, so one job per table.
        var foreignKeys = detached.Where(d => d.Kind == "foreign_key").ToList();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var key in foreignKeys)
            {
                if (!await ConstraintExistsAsync(connection, key, cancellationToken))
                {
                    await ExecuteAsync(connection, $"ALTER TABLE \"{key.Table}\" ADD CONSTRAINT \"{key.Name}\" {key.Definition} NOT VALID", cancellationToken);
                }
            }
        }

        var validations = foreignKeys.GroupBy(d => d.Table).OrderByDescending(g => sizes.GetValueOrDefault(g.Key)).ToList();
        await RestoreSessions.RunAsync(connectionString, validations, async (connection, group, ct) =>
        {
            foreach (var key in group)
            {
                await ExecuteAsync(connection, $"ALTER TABLE \"{key.Table}\" VALIDATE CONSTRAINT \"{key.Name}\"", ct);
            }
        }, cancellationToken);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "DROP TABLE bulk_load_detached", cancellationToken);
        }
    }

    private static async Task<bool> ConstraintExistsAsync(NpgsqlConnection connection, DetachedObject key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass($1) AND conname = $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key.Table });
        command.Parameters.Add(new NpgsqlParameter { Value = key.Name });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task<IReadOnlyDictionary<string, long>> TableSizesAsync(
        NpgsqlConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            sizes[table] = (long)(await ScalarAsync(connection, $"SELECT pg_relation_size('\"{table}\"')", cancellationToken))!;
        }

        return sizes;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
