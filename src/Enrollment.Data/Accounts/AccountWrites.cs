using Enrollment.Data.Auditing;
using Enrollment.Data.Configurations;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Data.Accounts;

/// <summary>
/// The app's writes to <c>user_accounts</c>. The app role has no INSERT or UPDATE on the table: each write is one of
/// the database's account functions (migration 0022), which check what they can (no system administrator is made,
/// promoted or reset, a change stays within the county, a password changes only for the current hash) and return the
/// row as written. The entity is then set to that row, unchanged, and its system audit row — before and after, as
/// the audit interceptor writes them for any other change — goes in the same transaction.
/// </summary>
public static class AccountWrites
{
    /// <summary>A new account of a county, to change its temporary password at the first sign-in.</summary>
    public static async Task CreateAsync(EnrollmentDbContext db, UserAccount user, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var sql = "SELECT * FROM account_create(@tenant, @login, @name, @hash, @role, @jurisdiction)";
        await WriteAsync(db, user, clock, AuditAction.Insert, sql,
            [Integer("tenant", user.TenantId), Text("login", user.Login), Text("name", user.DisplayName), Text("hash", user.PasswordHash),
             Text("role", EnumText<UserRole>.ToText(user.Role)), Bigint("jurisdiction", user.JurisdictionId)], cancellationToken);
    }

    /// <summary>Name, role and jurisdiction as the entity holds them; a new role or jurisdiction renews the stamp.</summary>
    public static Task EditAsync(EnrollmentDbContext db, UserAccount user, TimeProvider clock, CancellationToken cancellationToken = default) =>
        WriteAsync(db, user, clock, AuditAction.Update, "SELECT * FROM account_edit(@id, @name, @role, @jurisdiction)",
            [Bigint("id", user.Id), Text("name", user.DisplayName), Text("role", EnumText<UserRole>.ToText(user.Role)),
             Bigint("jurisdiction", user.JurisdictionId)], cancellationToken);

    /// <summary>停用 (renews the stamp) or 启用, as the entity's active flag says.</summary>
    public static Task SetActiveAsync(EnrollmentDbContext db, UserAccount user, TimeProvider clock, CancellationToken cancellationToken = default) =>
        WriteAsync(db, user, clock, AuditAction.Update, "SELECT * FROM account_set_active(@id, @active)",
            [Bigint("id", user.Id), new NpgsqlParameter("active", NpgsqlDbType.Boolean) { Value = user.IsActive }], cancellationToken);

    /// <summary>An administrator's reset to the entity's (temporary) hash: must change, lockout lifted, sessions ended.</summary>
    public static Task ResetPasswordAsync(EnrollmentDbContext db, UserAccount user, TimeProvider clock, CancellationToken cancellationToken = default) =>
        WriteAsync(db, user, clock, AuditAction.Update, "SELECT * FROM account_reset_password(@id, @hash)",
            [Bigint("id", user.Id), Text("hash", user.PasswordHash)], cancellationToken);

    /// <summary>
    /// Writes what ASP.NET Core Identity changed on a loaded account: a password (the user's own change or a rehash,
    /// in exchange for the hash the account was loaded with), the sign-in counters and lockout, or a new stamp.
    /// Anything else is an administrator's change and has its own method.
    /// </summary>
    public static async Task SaveIdentityChangesAsync(EnrollmentDbContext db, UserAccount user, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var entry = await LoadedEntryAsync(db, user, cancellationToken);
        var changed = entry.Properties.Where(p => p.IsModified || !Equals(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToHashSet();
        if (changed.Count == 0)
        {
            return;
        }
        if (changed.IsSubsetOf([nameof(UserAccount.SecurityStamp)]))
        {
            await WriteAsync(db, user, clock, AuditAction.Update, "SELECT * FROM account_renew_stamp(@id)", [Bigint("id", user.Id)], cancellationToken);
        }
        else if (changed.IsSubsetOf([nameof(UserAccount.AccessFailedCount), nameof(UserAccount.LockoutEnd)]))
        {
            await WriteAsync(db, user, clock, AuditAction.Update, "SELECT * FROM account_record_sign_in(@id, @failed, @lockout)",
                [Bigint("id", user.Id), new NpgsqlParameter("failed", NpgsqlDbType.Integer) { Value = user.AccessFailedCount },
                 new NpgsqlParameter("lockout", NpgsqlDbType.TimestampTz) { Value = (object?)user.LockoutEnd ?? DBNull.Value }], cancellationToken);
        }
        else if (changed.Contains(nameof(UserAccount.PasswordHash))
                 && changed.IsSubsetOf([nameof(UserAccount.PasswordHash), nameof(UserAccount.SecurityStamp), nameof(UserAccount.MustChangePassword)]))
        {
            var current = (string?)entry.Property(nameof(UserAccount.PasswordHash)).OriginalValue;
            await WriteAsync(db, user, clock, AuditAction.Update, "SELECT * FROM account_change_password(@id, @current, @hash)",
                [Bigint("id", user.Id), Text("current", current), Text("hash", user.PasswordHash)], cancellationToken);
        }
        else
        {
            throw new InvalidOperationException(
                $"No account function writes {string.Join(", ", changed.Order(StringComparer.Ordinal))} together; use the administrator's change for it.");
        }
    }

    private static async Task WriteAsync(
        EnrollmentDbContext db, UserAccount user, TimeProvider clock, AuditAction action, string sql, NpgsqlParameter[] parameters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clock);
        var entry = action == AuditAction.Insert ? null : await LoadedEntryAsync(db, user, cancellationToken);
        var type = db.Model.FindEntityType(typeof(UserAccount))!;
        var before = entry is null ? null : AuditSnapshot.Row(type, p => entry.OriginalValues[p]);

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await db.UserAccounts.FromSqlRaw(sql, [.. parameters]).AsNoTracking().SingleAsync(cancellationToken);
            if (entry is null)
            {
                // A new account: tracked from here on under the id the database gave it.
                user.Id = written.Id;
                entry = db.UserAccounts.Attach(user);
            }
            entry.CurrentValues.SetValues(written);
            entry.OriginalValues.SetValues(written);
            entry.State = EntityState.Unchanged;

            // The account's own sign-in bookkeeping (no one signed in yet) is recorded under the account itself.
            var (actor, actorId) = db.Tenant.UserId is { } id ? (db.Tenant.Actor, id) : (user.Login, user.Id);
            var row = new AuditRow(true, db.Tenant.TenantId, clock.GetUtcNow(), actorId, actor, "user_accounts",
                AuditSnapshot.Key(type, p => entry.CurrentValues[p]), action, before, AuditSnapshot.Row(type, p => entry.CurrentValues[p]));
            await using (var append = AuditInterceptor.AppendCommand(
                (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction(),
                "append_system_audit", [row]))
            {
                await append.ExecuteNonQueryAsync(cancellationToken);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>The account's entry, with the values it was loaded with as original values (read again when it was not tracked).</summary>
    private static async Task<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<UserAccount>> LoadedEntryAsync(
        EnrollmentDbContext db, UserAccount user, CancellationToken cancellationToken)
    {
        var entry = db.Entry(user);
        if (entry.State == EntityState.Detached)
        {
            var stored = await db.UserAccounts.AsNoTracking().SingleAsync(u => u.Id == user.Id, cancellationToken);
            entry = db.UserAccounts.Attach(user);
            entry.OriginalValues.SetValues(stored);
        }
        return entry;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Integer(string name, int? value) =>
        new(name, NpgsqlDbType.Integer) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Bigint(string name, long? value) =>
        new(name, NpgsqlDbType.Bigint) { Value = (object?)value ?? DBNull.Value };
}
