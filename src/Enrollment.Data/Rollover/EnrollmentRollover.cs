using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Enrollment.Data.Rollover;

/// <summary>
/// Rolls a tenant's roster over into next year's campaign: one enrollment (registered, not yet quoted) per active
/// resident of the target campaign's area, with the history of docs/rules.md §4 derived from the enrollments and
/// payments of earlier years. Set-based (<see cref="RolloverSql"/>) and idempotent: an existing enrollment in the
/// target is never touched, so running it again only adds residents registered since. Rules and exclusions
/// chosen: docs/data-model.md, "Rolling the roster over".
/// </summary>
public static class EnrollmentRollover
{
    /// <summary>
    /// Creates the target campaign's enrollments from <paramref name="fromCampaignId"/>'s year. Both campaigns are
    /// looked up through <paramref name="db"/>'s tenant filter, so another tenant's campaign is "not found"; the
    /// statement runs on the context's connection and transaction (joining the caller's if there is one), so
    /// row-level security applies, and the context's jurisdiction scope narrows the area further. Refusals come
    /// back in <see cref="RolloverResult.Error"/> with nothing written.
    /// </summary>
    public static async Task<RolloverResult> RollOverAsync(
        EnrollmentDbContext db, long fromCampaignId, long toCampaignId, long? userId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Tenant.TenantId is not { } tenantId)
        {
            throw new InvalidOperationException("Roll-over needs a tenant: create the context with TenantContext.For(…).");
        }

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var plan = await RolloverPlan.CheckAsync(db, fromCampaignId, toCampaignId, ct);
            if (plan.Error is { } error)
            {
                return RolloverResult.Refused(error);
            }

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            if (ownTransaction is not null)
            {
                await using var workMem = new NpgsqlCommand(RolloverSql.WorkMem, connection, transaction);
                await workMem.ExecuteNonQueryAsync(ct);
            }
            var result = await RunAsync(connection, transaction, tenantId, plan.To, plan.PathPattern, userId, now, ct)
                with { FromCampaign = plan.From.Code, ToCampaign = plan.To.Code };
            await RolloverAudit.WriteAsync(connection, transaction, db.Tenant, plan, result, userId, now, ct);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
            }
            return result;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>The statement itself: enrols the area's residents in <paramref name="to"/>, on the caller's connection and transaction.</summary>
    private static async Task<RolloverResult> RunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int tenantId, Campaign to, string? pathPattern, long? userId,
        DateTimeOffset now, CancellationToken ct)
    {
        // A county's roll-over outlasts the default 30 s timeout on a busy machine; the token still cancels it.
        await using var command = new NpgsqlCommand(RolloverSql.Statement, connection, transaction) { CommandTimeout = 0 };
        AddParameters(command, tenantId, to, pathPattern, userId, now, null, null);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new RolloverResult
        {
            Continuing = reader.GetInt64(0),
            FirstTime = reader.GetInt64(1),
            Interrupted = reader.GetInt64(2),
            AlreadyEnrolled = reader.GetInt64(3),
            SkippedDeceased = reader.GetInt64(4),
            SkippedMovedOut = reader.GetInt64(5),
            SkippedCancelled = reader.GetInt64(6),
            SkippedExcluded = reader.GetInt64(7),
        };
    }

    /// <summary>
    /// The parameters of <see cref="RolloverSql.Candidates"/> and the statements built on it: only
    /// <paramref name="residentIds"/> (a registration, an import) when given, with the history
    /// <paramref name="statedHistories"/> gives each where the county knows no earlier year.
    /// </summary>
    internal static void AddParameters(
        NpgsqlCommand command, int tenantId, Campaign to, string? pathPattern, long? userId, DateTimeOffset now, long[]? residentIds,
        string?[]? statedHistories)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = to.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = to.PolicyYear });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)pathPattern ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<long[]?> { TypedValue = residentIds, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string?[]?> { TypedValue = statedHistories, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
    }
}
