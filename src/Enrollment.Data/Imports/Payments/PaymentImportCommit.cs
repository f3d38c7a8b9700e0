using System.Text.Json.Nodes;
using Enrollment.Data.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Enrollment.Data.Imports.Payments;

/// <summary>
/// Stores the accepted rows of a payment file's preview in one transaction, in the file's order, through the payment
/// service's functions: <c>payment_record</c> (confirmed, with the idempotency record the API writes, so a later
/// request or file with the same key is a repeat) and <c>payment_change</c> for corrections. The calls go in batches
/// of <see cref="BatchSize"/> statements per round trip. Anything the check did not foresee (a repeat or a
/// cancellation meanwhile, a key taken by a clerk's entry) rolls the whole file back with a Chinese reason.
/// </summary>
public static class PaymentImportCommit
{
    /// <summary>Statements per round trip: large enough that the network is not the cost, small enough to stream.</summary>
    public const int BatchSize = 500;

    public const string ReversalReason = "税务更正";

    public static async Task<PaymentImportOutcome> CommitAsync(
        EnrollmentDbContext db, PaymentImportPreview preview, string? fileName, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(preview);
        if (preview.Refusal is not null || preview.ToStore.Count == 0)
        {
            return new PaymentImportOutcome(0, 0, 0, 0, preview.Results);
        }
        var tenant = db.Tenant.TenantId ?? throw new InvalidOperationException("An import needs a tenant: create the context with TenantContext.For(…).");
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            var outcomes = new Dictionary<int, PaymentOutcome>(preview.ToStore.Count);
            var reversed = 0;
            try
            {
                foreach (var chunk in preview.ToStore.Chunk(BatchSize))
                {
                    await using var batch = new NpgsqlBatch(connection, npgsqlTransaction) { Timeout = 0 };
                    foreach (var row in chunk)
                    {
                        batch.BatchCommands.Add(row.IsReversal ? ReverseCommand(tenant, row, fileName, db.Tenant.UserId, now) : RecordCommand(tenant, preview, row, db.Tenant.UserId, now));
                    }
                    await using var reader = await batch.ExecuteReaderAsync(ct);
                    foreach (var row in chunk)
                    {
                        await reader.ReadAsync(ct);
                        if (row.IsReversal)
                        {
                            if (reader.GetString(0) != "reversed")
                            {
                                return await FailAsync(reader, transaction, row);
                            }
                            reversed++;
                        }
                        else
                        {
                            var recorded = PaymentSql.ReadRecord(reader);
                            if (recorded.Outcome is not { } outcome)
                            {
                                return await FailAsync(reader, transaction, row);
                            }
                            outcomes[row.Row.Row] = outcome;
                        }
                        await reader.NextResultAsync(ct);
                    }
                }
                await AuditAsync(connection, npgsqlTransaction, db, tenant, now, fileName, preview, outcomes, reversed, ct);
                await transaction.CommitAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return PaymentImportOutcome.Failed("导入期间，文件中有缴费的渠道和票据号已被他人登记，本次没有导入任何缴费。请重新检查文件后再导入。");
            }
            return new PaymentImportOutcome(
                outcomes.Values.Count(o => o == PaymentOutcome.Recorded), outcomes.Values.Count(o => o == PaymentOutcome.Matched),
                outcomes.Values.Count(o => o == PaymentOutcome.RefundDue), reversed, Final(preview, outcomes));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The preview's verdicts with each stored payment's actual outcome (the check foresaw it; the database decides).</summary>
    private static List<ImportRowResult> Final(PaymentImportPreview preview, Dictionary<int, PaymentOutcome> outcomes) =>
        [.. preview.Results.Select(r => outcomes.TryGetValue(r.Row, out var o)
            ? r with { Code = PaymentImportText.Code(o), Message = PaymentImportText.Message(o) }
            : r)];

    private static async Task<PaymentImportOutcome> FailAsync(NpgsqlDataReader reader, IDbContextTransaction transaction, PaymentToStore row)
    {
        await reader.DisposeAsync();
        await transaction.RollbackAsync(CancellationToken.None);
        return PaymentImportOutcome.Failed(
            $"导入期间数据有变化（第 {row.Row.Row} 行的缴费已被登记、冲正或参保登记已作废），本次没有导入任何缴费。请重新检查文件后再导入。");
    }

    private static NpgsqlBatchCommand RecordCommand(int tenant, PaymentImportPreview preview, PaymentToStore row, long? user, DateTimeOffset now) =>
        PaymentSql.RecordCommand(new PaymentSql.RecordArgs(
            tenant, row.EnrollmentId!.Value, row.Row.Channel, row.Row.Reference, row.Row.PaidOn, row.Row.Amount, Confirmed: true, user, now,
            new PaymentSql.RequestArgs(preview.CampaignId, ApiText.NormalName(row.Row.Name), row.Payable, row.CoverageStart, row.Late, ApiKeyId: null)));

    private static NpgsqlBatchCommand ReverseCommand(int tenant, PaymentToStore row, string? fileName, long? user, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(PaymentImportSql.Reverse);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<int> { TypedValue = tenant });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Row.Channel });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Row.Reference });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Row.Id.ToString() });
        p.Add(new NpgsqlParameter<string> { TypedValue = $"{ReversalReason}（{fileName ?? "税务缴费明细"} 第 {row.Row.Row} 行）" });
        p.Add(new NpgsqlParameter<long?> { TypedValue = user, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return command;
    }

    private static async Task AuditAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, EnrollmentDbContext db, int tenant, DateTimeOffset now, string? fileName,
        PaymentImportPreview preview, Dictionary<int, PaymentOutcome> outcomes, int reversed, CancellationToken ct)
    {
        var after = new JsonObject
        {
            ["operation"] = "import",
            ["file"] = fileName,
            ["campaign"] = preview.Campaign,
            ["rows"] = preview.Counts.Rows,
            ["accepted"] = preview.Counts.Accepted,
            ["unchanged"] = preview.Counts.Unchanged,
            ["rejected"] = preview.Counts.Rejected,
            ["recorded"] = outcomes.Values.Count(o => o == PaymentOutcome.Recorded),
            ["matched"] = outcomes.Values.Count(o => o == PaymentOutcome.Matched),
            ["refund_due"] = outcomes.Values.Count(o => o == PaymentOutcome.RefundDue),
            ["reversed"] = reversed,
        };
        await using var command = new NpgsqlCommand(PaymentImportSql.Audit, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = db.Tenant.UserId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = db.Tenant.Actor });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = new JsonObject { ["campaign_id"] = preview.CampaignId }.ToJsonString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.ToJsonString() });
        await command.ExecuteNonQueryAsync(ct);
    }
}
