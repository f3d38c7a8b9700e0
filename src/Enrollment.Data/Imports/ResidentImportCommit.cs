using System.Text.Json.Nodes;
using Enrollment.Data.Configurations;
using Enrollment.Data.Enrolling;
using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Data.Imports;

/// <summary>What a commit stored, or why it stored nothing.</summary>
public sealed record ResidentImportOutcome(int Residents, int Households, IReadOnlyList<long> ResidentIds, string? Error = null)
{
    public bool Stored => Error is null;

    public static ResidentImportOutcome Failed(string error) => new(0, 0, [], error);
}

/// <summary>
/// Stores the accepted rows of a preview in one transaction: the new rows' ids taken up front, COPY into a
/// temporary staging table, then set-based INSERT … SELECT into households (with their heads) and residents, the
/// cross-county hash registry (active, as a registration writes it), one audit row for the whole import, and the
/// enrolment in the open campaigns. Runs on the context's connection, so row-level security and the tenant apply
/// as to any other write of the user. Nothing is stored when any statement fails: a number registered meanwhile
/// here or in another county fails the whole commit, with a Chinese reason.
/// </summary>
public static class ResidentImportCommit
{
    /// <param name="today">The business date: the new residents' enrollments are quoted for it.</param>
    public static async Task<ResidentImportOutcome> CommitAsync(
        EnrollmentDbContext db, ResidentImportPreview preview, string? fileName, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(preview);
        if (preview.Refusal is not null || preview.ToStore.Count == 0)
        {
            return new ResidentImportOutcome(0, 0, []);
        }
        if (db.Tenant.TenantId is not { } tenantId)
        {
            throw new InvalidOperationException("An import needs a tenant: create the context with TenantContext.For(…).");
        }
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        try
        {
            var rows = await IdentifyAsync(connection, npgsqlTransaction, preview.ToStore, ct);
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Staging, ct);
            await CopyAsync(connection, rows, ct);
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.DeferHeads, ct);
            var households = await CountAsync(connection, npgsqlTransaction, ResidentImportSql.Households, ct, tenantId, now);
            var residents = await CountAsync(connection, npgsqlTransaction, ResidentImportSql.Residents, ct, tenantId, now);
            // A head row for an existing household without a head (rare): that household gets its head now.
            if (rows.Any(r => r.Household.IsKnown && r.Stored.Row.IsHead))
            {
                await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Heads, ct, tenantId);
            }
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Registry, ct, tenantId);
            await AuditAsync(connection, npgsqlTransaction, db, tenantId, now, fileName, preview, residents, households, ct);
            await RegistrationEnrollment.EnrollAsync(db, [.. rows.Select(r => r.ResidentId)], today, now,
                rows.ToDictionary(r => r.ResidentId, r => r.Stored.Row.History), ct);
            await transaction.CommitAsync(ct);
            return new ResidentImportOutcome(residents, households, [.. rows.Select(r => r.ResidentId)]);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return ResidentImportOutcome.Failed(e.ConstraintName == DuplicateRegistrationException.ConstraintName
                ? "导入期间，文件中有人员已在其他县（市）参保登记，本次没有导入任何人员。请重新检查文件后再导入。"
                : "导入期间，文件中有人员或户号已被他人登记，本次没有导入任何人员。请重新检查文件后再导入。");
        }
    }

    /// <summary>The household a row goes into: one that exists, or a new one (its id taken up front).</summary>
    private readonly record struct HouseholdRef(long Id, bool IsKnown);

    /// <summary>An accepted row with the ids it will be stored under; the head row of a new household creates it.</summary>
    private sealed record Identified(ResidentToStore Stored, long ResidentId, HouseholdRef Household, bool CreatesHousehold);

    /// <summary>
    /// Takes the new residents' and households' ids from their sequences in one round trip, so every row is
    /// written once, complete (an insert, then an update of the staging rows and of the households' heads, wrote
    /// most rows twice). Residents get ascending ids in the file's order, as the insert by row gave them.
    /// </summary>
    private static async Task<List<Identified>> IdentifyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ResidentToStore> rows, CancellationToken ct)
    {
        var newHouseholds = rows.Where(r => r.HouseholdId is null && r.Row.IsHead).Select(r => r.Row.HouseholdNumber).ToList();
        long[] residentIds;
        long[] householdIds;
        await using (var command = Command(connection, transaction, ResidentImportSql.TakeIds, [rows.Count, newHouseholds.Count]))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            residentIds = reader.GetFieldValue<long[]>(0);
            householdIds = reader.GetFieldValue<long[]>(1);
        }
        // The check let through only households whose number is new in one village with one head row.
        var household = new Dictionary<string, long>(newHouseholds.Count, StringComparer.Ordinal);
        for (var i = 0; i < newHouseholds.Count; i++)
        {
            household.Add(newHouseholds[i], householdIds[i]);
        }
        var identified = new List<Identified>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var target = r.HouseholdId is { } known ? new HouseholdRef(known, true) : new HouseholdRef(household[r.Row.HouseholdNumber], false);
            identified.Add(new Identified(r, residentIds[i], target, !target.IsKnown && r.Row.IsHead));
        }
        return identified;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<Identified> rows, CancellationToken ct)
    {
        // Synchronous writes: they only fill Npgsql's buffer, flushed as it fills; an await per value costs more
        // than the value for 100,000 rows of fifteen.
        await using var writer = await connection.BeginBinaryImportAsync(ResidentImportSql.Copy, ct);
        foreach (var (s, residentId, household, createsHousehold) in rows)
        {
            var r = s.Row;
            writer.StartRow();
            writer.Write(r.Row, NpgsqlDbType.Integer);
            writer.Write(r.Id.ToString(), NpgsqlDbType.Text);
            writer.Write(r.Name, NpgsqlDbType.Text);
            writer.Write(EnumText<Enrollment.Domain.Residents.Sex>.ToText(r.Id.Sex), NpgsqlDbType.Text);
            writer.Write(r.Id.BirthDate, NpgsqlDbType.Date);
            WriteNullable(writer, r.Phone);
            writer.Write(s.VillageId, NpgsqlDbType.Bigint);
            writer.Write(household.Id, NpgsqlDbType.Bigint);
            writer.Write(createsHousehold, NpgsqlDbType.Boolean);
            writer.Write(r.HouseholdNumber, NpgsqlDbType.Text);
            writer.Write(EnumText<RelationToHead>.ToText(r.Relation), NpgsqlDbType.Text);
            writer.Write(r.HukouType, NpgsqlDbType.Text);
            WriteNullable(writer, r.Address);
            writer.Write(s.IdHash, NpgsqlDbType.Bytea);
            writer.Write(residentId, NpgsqlDbType.Bigint);
        }
        await writer.CompleteAsync(ct);
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static async Task AuditAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, EnrollmentDbContext db, int tenantId, DateTimeOffset now, string? fileName,
        ResidentImportPreview preview, int residents, int households, CancellationToken ct)
    {
        var key = new JsonObject { ["tenant_id"] = tenantId };
        var after = new JsonObject
        {
            ["operation"] = "import",
            ["file"] = fileName,
            ["rows"] = preview.Counts.Rows,
            ["accepted"] = preview.Counts.Accepted,
            ["unchanged"] = preview.Counts.Unchanged,
            ["rejected"] = preview.Counts.Rejected,
            ["residents_created"] = residents,
            ["households_created"] = households,
            ["area"] = db.Tenant.JurisdictionPath,
        };
        await using var command = new NpgsqlCommand(ResidentImportSql.Audit, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)db.Tenant.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = db.Tenant.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = key.ToJsonString() });
        command.Parameters.Add(new NpgsqlParameter { Value = after.ToJsonString() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A statement whose one result is the count of rows it created.</summary>
    private static async Task<int> CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] values)
    {
        // A county's first load outlasts the default 30 s timeout; the token still cancels it.
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value is DateTimeOffset t ? t.ToUniversalTime() : value });
        }
        return command;
    }
}
