using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Enrollment.Data.Auditing;

/// <summary>
/// Writes an audit row for every insert, update and delete saved through <see cref="EnrollmentDbContext"/>:
/// tenant-owned entities to audit_log, global ones to system_audit_log. Before values are taken before the save,
/// after values (with generated ids and paths) after it, and the rows are inserted in the same transaction as
/// the change (the interceptor opens one when the caller has none), so a change never lands without its audit.
/// The duplicate registry's hashes for the residents saved are written in the same transaction.
/// Before values are EF's original values: entities attached with Update() rather than loaded report
/// before = after for unchanged columns.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is EnrollmentDbContext db && Collect(db))
        {
            db.AuditTransaction ??= db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
            try
            {
                foreach (var command in RegistryCommands(db))
                {
                    using (command)
                    {
                        command.ExecuteNonQuery();
                    }
                }
            }
            catch (PostgresException e) when (IsSecondActiveRegistration(e))
            {
                Finish(db, () => db.AuditTransaction?.Rollback());
                throw new DuplicateRegistrationException(DuplicateRegistrationException.Refusal, e);
            }
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EnrollmentDbContext db && Collect(db))
        {
            db.AuditTransaction ??= db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            try
            {
                // The registry first: a second active registration fails here, before any row is written.
                foreach (var command in RegistryCommands(db))
                {
                    await using (command)
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
            }
            catch (PostgresException e) when (IsSecondActiveRegistration(e))
            {
                if (db.AuditTransaction is { } transaction)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }
                await EndAsync(db);
                throw new DuplicateRegistrationException(DuplicateRegistrationException.Refusal, e);
            }
        }
        return result;
    }

    private static bool IsSecondActiveRegistration(PostgresException e) =>
        e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == DuplicateRegistrationException.ConstraintName;

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is EnrollmentDbContext db && db.PendingAudit is { } pending)
        {
            Finish(db, () =>
            {
                foreach (var command in Commands(db, pending))
                {
                    using (command)
                    {
                        command.ExecuteNonQuery();
                    }
                }
                db.AuditTransaction?.Commit();
            });
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EnrollmentDbContext db && db.PendingAudit is { } pending)
        {
            try
            {
                foreach (var command in Commands(db, pending))
                {
                    await using (command)
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
                if (db.AuditTransaction is { } transaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                await EndAsync(db);
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is EnrollmentDbContext db)
        {
            Finish(db, () => db.AuditTransaction?.Rollback());
        }
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EnrollmentDbContext db)
        {
            try
            {
                if (db.AuditTransaction is { } transaction)
                {
                    await transaction.RollbackAsync(cancellationToken);
                }
            }
            finally
            {
                await EndAsync(db);
            }
        }
    }

    /// <summary>
    /// Takes the before values now; the after values are read once the save has run. Audit entries a caller added
    /// itself (a view, a summary) are taken out of EF's save: the app role may not INSERT audit rows, they go through
    /// the audit functions with the rest.
    /// </summary>
    private bool Collect(EnrollmentDbContext db)
    {
        var pending = new List<PendingChange>();
        var direct = new List<AuditRow>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry is { State: EntityState.Added, Entity: AuditEntry or SystemAuditEntry })
            {
                direct.Add(AuditRow.Of(entry.Entity));
                entry.State = EntityState.Detached;
                continue;
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsAudited(entry))
            {
                continue;
            }
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Insert,
                EntityState.Modified => AuditAction.Update,
                _ => AuditAction.Delete,
            };
            var before = action == AuditAction.Insert
                ? null
                : AuditSnapshot.Row(entry.Metadata, p => entry.OriginalValues[p]);
            var key = action == AuditAction.Delete
                ? AuditSnapshot.Key(entry.Metadata, p => entry.OriginalValues[p])
                : null;
            pending.Add(new PendingChange(entry, action, before, key));
        }
        db.PendingAudit = pending.Count > 0 || direct.Count > 0 || db.PendingRegistry is not null
            ? new PendingAudit(clock.GetUtcNow(), pending, direct)
            : null;
        return db.PendingAudit is not null;
    }

    private static bool IsAudited(EntityEntry entry) =>
        entry.Entity is not (AuditEntry or SystemAuditEntry or IdHashEntry);

    private static IEnumerable<NpgsqlCommand> Commands(EnrollmentDbContext db, PendingAudit pending)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var rows = pending.Changes.Select(c => AuditRow.Of(c, db.Tenant, pending.At)).Concat(pending.Direct).ToList();
        var tenantRows = rows.Where(r => !r.System).ToList();
        var systemRows = rows.Where(r => r.System).ToList();
        if (tenantRows.Count > 0)
        {
            yield return AppendCommand(connection, transaction, "append_audit", tenantRows);
        }
        if (systemRows.Count > 0)
        {
            yield return AppendCommand(connection, transaction, "append_system_audit", systemRows);
        }
    }

    private static IEnumerable<NpgsqlCommand> RegistryCommands(EnrollmentDbContext db)
    {
        if (db.PendingRegistry is not { } registry)
        {
            yield break;
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        // Tolerant of rows that are missing (bulk-loaded residents not yet reconciled) or already in the state asked.
        if (registry.Remove.Count > 0)
        {
            yield return RegistryCommand(connection, transaction, registry.TenantId, registry.Remove,
                "DELETE FROM id_hash_registry WHERE tenant_id = $1 AND id_hash = ANY($2)");
        }
        if (registry.Release.Count > 0)
        {
            yield return RegistryCommand(connection, transaction, registry.TenantId, registry.Release, """
                INSERT INTO id_hash_registry (id_hash, tenant_id, released_at) SELECT h, $1, now() FROM unnest($2::bytea[]) AS h
                ON CONFLICT (id_hash, tenant_id) DO UPDATE SET released_at = COALESCE(id_hash_registry.released_at, now())
                """);
        }
        if (registry.Activate.Count > 0)
        {
            yield return RegistryCommand(connection, transaction, registry.TenantId, registry.Activate, """
                INSERT INTO id_hash_registry (id_hash, tenant_id) SELECT h, $1 FROM unnest($2::bytea[]) AS h
                ON CONFLICT (id_hash, tenant_id) DO UPDATE SET released_at = NULL
                """);
        }
    }

    private static NpgsqlCommand RegistryCommand(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int tenantId, List<byte[]> hashes, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = hashes.ToArray() });
        return command;
    }

    /// <summary>One call of an audit function (the only way the app role writes audit rows) for a batch of rows.</summary>
    internal static NpgsqlCommand AppendCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction, string function, List<AuditRow> rows)
    {
        var command = new NpgsqlCommand(
            $"SELECT {function}($1::integer[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.TenantId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.ActorUserId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Actor).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entity).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => EnumTextOf(r.Action)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Before).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.After).ToArray() });
        return command;
    }

    private static string EnumTextOf(AuditAction action) => Configurations.EnumText<AuditAction>.ToText(action);

    private static void Finish(EnrollmentDbContext db, Action action)
    {
        try
        {
            action();
        }
        finally
        {
            db.AuditTransaction?.Dispose();
            db.AuditTransaction = null;
            db.PendingAudit = null;
            db.PendingRegistry = null;
        }
    }

    private static async Task EndAsync(EnrollmentDbContext db)
    {
        if (db.AuditTransaction is { } transaction)
        {
            await transaction.DisposeAsync();
        }
        db.AuditTransaction = null;
        db.PendingAudit = null;
        db.PendingRegistry = null;
    }
}

/// <summary>Audit work collected before a save, finished after it.</summary>
internal sealed record PendingAudit(DateTimeOffset At, List<PendingChange> Changes, List<AuditRow> Direct);

/// <summary>One row for audit_log (<see cref="System"/> false) or system_audit_log.</summary>
internal sealed record AuditRow(
    bool System, int? TenantId, DateTimeOffset At, long? ActorUserId, string Actor, string Entity, string Key,
    AuditAction Action, string? Before, string? After)
{
    /// <summary>The row for a change EF saved: tenant-owned entities to audit_log, global ones to the system log.</summary>
    public static AuditRow Of(PendingChange change, TenantContext tenant, DateTimeOffset at)
    {
        var entry = change.Entry;
        var owned = entry.Entity as ITenantOwned;
        return new AuditRow(
            owned is null, owned?.TenantId ?? tenant.TenantId, at, tenant.UserId, tenant.Actor, entry.Metadata.GetTableName()!,
            change.Key ?? AuditSnapshot.Key(entry.Metadata, p => entry.CurrentValues[p]), change.Action, change.Before,
            change.Action == AuditAction.Delete ? null : AuditSnapshot.Row(entry.Metadata, p => entry.CurrentValues[p]));
    }

    /// <summary>An audit entry a caller added itself (a view of a full ID number, a sign-in, a summary).</summary>
    public static AuditRow Of(object entity) => entity switch
    {
        AuditEntry a => new AuditRow(false, a.TenantId, a.OccurredAt, a.ActorUserId, a.Actor, a.Entity, a.EntityKey, a.Action, a.Before, a.After),
        SystemAuditEntry s => new AuditRow(true, s.TenantId, s.OccurredAt, s.ActorUserId, s.Actor, s.Entity, s.EntityKey, s.Action, s.Before, s.After),
        _ => throw new ArgumentException($"{entity.GetType().Name} is not an audit entry.", nameof(entity)),
    };
}

internal sealed record PendingChange(EntityEntry Entry, AuditAction Action, string? Before, string? Key);
