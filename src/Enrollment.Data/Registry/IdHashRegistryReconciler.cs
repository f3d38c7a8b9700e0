using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Data.Registry;

/// <summary>
/// Brings a tenant's rows of id_hash_registry in line with its residents, after loads that bypass the DbContext
/// (binary COPY as the owner). Idempotent: hashes every resident's number, streams them into a temporary table
/// with COPY, adds what is missing and removes what no longer matches a resident. Runs on the owner's connections.
/// </summary>
public static class IdHashRegistryReconciler
{
    /// <summary>
    /// What the reconciliation did. <paramref name="Conflicts"/>: active residents whose number another tenant
    /// holds active (不得重复参保): they are not registered here and need a person to decide.
    /// </summary>
    public sealed record Result(long Residents, long Added, long Removed, long Conflicts = 0);

    public static async Task<Result> ReconcileAsync(
        NpgsqlDataSource owner, CitizenIdHasher hasher, int tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(hasher);
        await using var reader = await owner.OpenConnectionAsync(cancellationToken);
        await using var writer = await owner.OpenConnectionAsync(cancellationToken);
        await using var transaction = await writer.BeginTransactionAsync(cancellationToken);
        // Rows registered after this moment belong to saves running concurrently: never remove those.
        var started = (DateTime)(await Scalar(writer, transaction, "SELECT clock_timestamp()", cancellationToken))!;
        await Execute(writer, transaction, "CREATE TEMP TABLE registry_staging (id_hash bytea NOT NULL, active boolean NOT NULL) ON COMMIT DROP", cancellationToken);

        long residents = 0;
        await using (var import = await writer.BeginBinaryImportAsync("COPY registry_staging (id_hash, active) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await using var select = new NpgsqlCommand("SELECT citizen_id, status = 'active' FROM residents WHERE tenant_id = $1", reader);
            select.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            await using var rows = await select.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(hasher.Hash(rows.GetString(0)), NpgsqlDbType.Bytea, cancellationToken);
                await import.WriteAsync(rows.GetBoolean(1), NpgsqlDbType.Boolean, cancellationToken);
                residents++;
            }
            await import.CompleteAsync(cancellationToken);
        }

        var removed = await Execute(writer, transaction, """
            DELETE FROM id_hash_registry r
            WHERE r.tenant_id = $1 AND r.registered_at < $2
              AND NOT EXISTS (SELECT 1 FROM registry_staging s WHERE s.id_hash = r.id_hash)
            """, cancellationToken, tenantId, started);
        // Residents no longer living here release their entry.
        await Execute(writer, transaction, """
            UPDATE id_hash_registry r SET released_at = now()
            FROM registry_staging s
            WHERE r.tenant_id = $1 AND r.id_hash = s.id_hash AND NOT s.active AND r.released_at IS NULL
            """, cancellationToken, tenantId);
        // An active resident whose number another tenant holds active is a conflict: counted, never registered.
        var conflicts = (long)(await Scalar(writer, transaction, """
            SELECT count(*) FROM registry_staging s
            WHERE s.active AND EXISTS (
                SELECT 1 FROM id_hash_registry r WHERE r.id_hash = s.id_hash AND r.tenant_id <> $1 AND r.released_at IS NULL)
            """, cancellationToken, tenantId))!;
        await Execute(writer, transaction, """
            UPDATE id_hash_registry r SET released_at = NULL
            FROM registry_staging s
            WHERE r.tenant_id = $1 AND r.id_hash = s.id_hash AND s.active AND r.released_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM id_hash_registry o WHERE o.id_hash = s.id_hash AND o.released_at IS NULL)
            """, cancellationToken, tenantId);
        // The hashes are distinct (residents are unique per tenant). The anti-joins keep this right when the
        // registry's keys are detached for a bulk load (BulkLoadScope), where ON CONFLICT has no index to consult;
        // ON CONFLICT still covers a save registering the same number meanwhile.
        var added = await Execute(writer, transaction, """
            INSERT INTO id_hash_registry (id_hash, tenant_id, released_at)
            SELECT s.id_hash, $1, CASE WHEN s.active THEN NULL ELSE now() END FROM registry_staging s
            WHERE NOT EXISTS (SELECT 1 FROM id_hash_registry r WHERE r.tenant_id = $1 AND r.id_hash = s.id_hash)
              AND NOT (s.active AND EXISTS (SELECT 1 FROM id_hash_registry o WHERE o.id_hash = s.id_hash AND o.released_at IS NULL))
            ON CONFLICT DO NOTHING
            """, cancellationToken, tenantId);
        await transaction.CommitAsync(cancellationToken);
        return new Result(residents, added, removed, conflicts);
    }

    private static async Task<object?> Scalar(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<int> Execute(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
