using Enrollment.Domain.Rules;
using Npgsql;

namespace Enrollment.Data.Payments;

public sealed partial class PaymentApi
{
    private static async Task<ApiResult<PaymentAnswer>> WriteAsync(
        NpgsqlConnection connection, ApiCaller caller, PaymentBody body, string normalId, PaymentResident resident, Quote quote,
        DateTimeOffset now, CancellationToken ct)
    {
        var args = new PaymentSql.RecordArgs(
            caller.TenantId, resident.EnrollmentId!.Value, body.Channel, body.Reference, body.PaidOn, body.Amount, Confirmed: true,
            UserId: null, now, new PaymentSql.RequestArgs(resident.CampaignId!.Value, ApiText.NormalName(body.Name), quote.Payable,
                quote.CoverageStart, quote.Late, caller.KeyId));
        PaymentSql.RecordRow row;
        try
        {
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { PaymentSql.RecordCommand(args) } };
            // The audit row commits with the payment: one implicit transaction for the batch.
            ApiConnection.AddAudit(batch, caller, "payments.create", "recorded", null, now, (body.Channel, body.Reference, resident.EnrollmentId.Value));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            row = PaymentSql.ReadRecord(reader);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A payment under the same channel, reference and person came another way (a file, a clerk's entry).
            return await AuditedAsync<PaymentAnswer>(connection, caller, ApiProblem.Conflict(), now, ct);
        }
        if (row.Repeat)
        {
            // An identical request committed first while this one waited on its idempotency record.
            await using var reread = new NpgsqlBatch(connection) { BatchCommands = { Command(ReadRequest, body.Channel, body.Reference, normalId) } };
            await using var reader = await reread.ExecuteReaderAsync(ct);
            var stored = await reader.ReadAsync(ct) ? PaymentChecks.ReadStored(reader) : null;
            await reader.DisposeAsync();
            return await AuditedAsync<PaymentAnswer>(connection, caller, stored is null ? ApiProblem.Conflict() : Repeat(stored, body), now, ct);
        }
        if (row.NotRegistered)
        {
            return await AuditedAsync<PaymentAnswer>(connection, caller, ApiChecks.NotRegistered(), now, ct);
        }
        var outcome = PaymentSql.OutcomeCode(row.Outcome!.Value);
        return new PaymentAnswer(row.PaymentId!.Value, outcome, quote.Payable, quote.CoverageStart, quote.Late, Repeat: false);
    }

    private static ApiResult<PaymentAnswer> Repeat(StoredRequest stored, PaymentBody body) =>
        PaymentChecks.Repeat(stored, body.Campaign, body.Amount, body.PaidOn, body.Name);

    private static async Task<ApiResult<T>> AuditedAsync<T>(NpgsqlConnection connection, ApiCaller caller, ApiResult<T> result, DateTimeOffset now, CancellationToken ct)
    {
        await ApiConnection.AuditAsync(connection, caller, "payments.create", result.Problem?.Code ?? "repeat", now, ct);
        return result;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
