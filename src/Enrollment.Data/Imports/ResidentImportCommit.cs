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
/// Stores the accepted rows of a preview in one transaction: COPY into a temporary staging table, then set-based
/// INSERT … SELECT into households and residents, the heads of new households, the cross-county hash registry
/// (active, as a registration writes it) and one audit row for the whole import. Runs on the context's
/// connection, so row-level security and the tenant apply as to any other write of the user. Nothing is stored
/// when any statement fails: a number registered meanwhile here or in another county fails the whole commit,
/// with a Chinese reason.
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
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Staging, ct);
            await CopyAsync(connection, preview.ToStore, ct);
            // A temporary table has no statistics until analysed: without them the joins below ran as nested loops
            // (minutes for 100,000 rows instead of seconds).
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Analyze, ct);
            var households = await CountAsync(connection, npgsqlTransaction, ResidentImportSql.Households, ct, tenantId, now);
            var residents = await CountAsync(connection, npgsqlTransaction, ResidentImportSql.Residents, ct, tenantId, now);
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Analyze, ct);
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Heads, ct, tenantId);
            await ExecuteAsync(connection, npgsqlTransaction, ResidentImportSql.Registry, ct, tenantId);
            var created = await CreatedAsync(connection, npgsqlTransaction, ct);
            await AuditAsync(connection, npgsqlTransaction, db, tenantId, now, fileName, preview, residents, households, ct);
            await EnrollAsync(db, created, today, now, ct);
            await transaction.CommitAsync(ct);
            return new ResidentImportOutcome(residents, households, [.. created.Select(c => c.ResidentId)]);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return ResidentImportOutcome.Failed(e.ConstraintName == DuplicateRegistrationException.ConstraintName
                ? "导入期间，文件中有人员已在其他县（市）参保登记，本次没有导入任何人员。请重新检查文件后再导入。"
                : "导入期间，文件中有人员或户号已被他人登记，本次没有导入任何人员。请重新检查文件后再导入。");
        }
    }

    /// <summary>
    /// Enrols the new residents in the open campaigns as a registration does, with the history the file states
    /// (上年度是否参保: 是, or not stated → continuing; 否 → first_time): the county has no earlier year for a person new
    /// to it, so the register's word is all there is.
    /// </summary>
    private static Task<int> EnrollAsync(
        EnrollmentDbContext db, List<(long ResidentId, EnrollmentHistory History)> created, DateOnly today, DateTimeOffset now,
        CancellationToken ct) =>
        RegistrationEnrollment.EnrollAsync(db, [.. created.Select(c => c.ResidentId)], today, now,
            created.ToDictionary(c => c.ResidentId, c => c.History), ct);

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<ResidentToStore> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(ResidentImportSql.Copy, ct);
        foreach (var s in rows)
        {
            var r = s.Row;
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(r.Row, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(r.Id.ToString(), NpgsqlDbType.Text, ct);
            await writer.WriteAsync(r.Name, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(EnumText<Enrollment.Domain.Residents.Sex>.ToText(r.Id.Sex), NpgsqlDbType.Text, ct);
            await writer.WriteAsync(r.Id.BirthDate, NpgsqlDbType.Date, ct);
            await WriteNullableAsync(writer, r.Phone, ct);
            await writer.WriteAsync(s.VillageId, NpgsqlDbType.Bigint, ct);
            if (s.HouseholdId is { } household)
            {
                await writer.WriteAsync(household, NpgsqlDbType.Bigint, ct);
            }
            else
            {
                await writer.WriteNullAsync(ct);
            }
            await writer.WriteAsync(r.HouseholdNumber, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(EnumText<RelationToHead>.ToText(r.Relation), NpgsqlDbType.Text, ct);
            await writer.WriteAsync(r.HukouType, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, r.Address, ct);
            await writer.WriteAsync(s.IdHash, NpgsqlDbType.Bytea, ct);
            await writer.WriteAsync(EnumText<EnrollmentHistory>.ToText(r.History), NpgsqlDbType.Text, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(ct);
        }
        else
        {
            await writer.WriteAsync(value, NpgsqlDbType.Text, ct);
        }
    }

    private static async Task<List<(long ResidentId, EnrollmentHistory History)>> CreatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ResidentImportSql.ResidentIds, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var created = new List<(long ResidentId, EnrollmentHistory History)>();
        while (await reader.ReadAsync(ct))
        {
            created.Add((reader.GetInt64(0), EnumText<EnrollmentHistory>.Parse(reader.GetString(1))));
        }
        return created;
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
