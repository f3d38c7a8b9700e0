using System.Data.Common;
using Enrollment.Domain.Rules;
using Npgsql;

namespace Enrollment.Data.Payments;

public sealed partial class PaymentApi
{
    private static async Task<ApiResult<PaymentAnswer>> WriteAsync(
        NpgsqlConnection connection, ApiCaller caller, PaymentBody body, string normalId, ResidentRow resident, Quote quote,
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
            var stored = await reader.ReadAsync(ct) ? ReadStored(reader) : null;
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

    /// <summary>A repeat answers the first answer when every field agrees, else 409.</summary>
    private static ApiResult<PaymentAnswer> Repeat(StoredRequest stored, PaymentBody body) =>
        stored.Campaign == body.Campaign && stored.Amount == body.Amount && stored.PaidOn == body.PaidOn
            && stored.Name == ApiText.NormalName(body.Name)
            ? stored.Answer
            : ApiProblem.Conflict();

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

    private static ResidentRow ReadResidentRow(DbDataReader r)
    {
        var categories = default(CertifiedCategories);
        if (!r.IsDBNull(8))
        {
            var codes = r.GetFieldValue<string[]>(8);
            var dates = r.GetFieldValue<DateOnly?[]>(9);
            for (var i = 0; i < codes.Length; i++)
            {
                // As the quote inputs read them: a code the engine does not know is not a certification.
                if (BasisCodes.TryParse(codes[i], out var code))
                {
                    categories.TryAdd(code, dates[i], out _);
                }
            }
        }
        var history = r.IsDBNull(4) ? Domain.Rules.EnrollmentHistory.Continuing : r.GetString(4) switch
        {
            "first_time" => Domain.Rules.EnrollmentHistory.FirstTime,
            "interrupted" => Domain.Rules.EnrollmentHistory.Interrupted,
            _ => Domain.Rules.EnrollmentHistory.Continuing,
        };
        return new ResidentRow(
            r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), history,
            r.IsDBNull(5) ? 0 : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7),
            categories, r.IsDBNull(10) ? null : r.GetInt64(10));
    }

    private static StoredRequest ReadStored(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetDecimal(2), r.GetFieldValue<DateOnly>(3),
        new PaymentAnswer(r.GetInt64(4), r.GetString(5), r.GetDecimal(6), r.GetFieldValue<DateOnly>(7), r.GetBoolean(8), Repeat: true));
}
