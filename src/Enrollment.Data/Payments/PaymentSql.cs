using Enrollment.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Data.Payments;

/// <summary>The call of <c>payment_record</c> (migration 0018), shared by the service and the API's lean path.</summary>
internal static class PaymentSql
{
    /// <summary>The idempotency record's values (the API's request and the answer's quote), when there is one.</summary>
    public sealed record RequestArgs(long CampaignId, string Name, decimal Payable, DateOnly CoverageStart, bool Late, long? ApiKeyId);

    public sealed record RecordArgs(
        int Tenant, long EnrollmentId, string Channel, string? Reference, DateOnly PaidOn, decimal Amount, bool Confirmed,
        long? UserId, DateTimeOffset Now, RequestArgs? Request);

    /// <summary>Outcome null: 'repeat' (<see cref="Repeat"/>) or the enrollment is cancelled (<see cref="NotRegistered"/>).</summary>
    public sealed record RecordRow(PaymentOutcome? Outcome, long? PaymentId, bool Repeat, bool NotRegistered);

    public const string Record = "SELECT outcome, payment_id FROM payment_record($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

    public static NpgsqlBatchCommand RecordCommand(RecordArgs a)
    {
        var command = new NpgsqlBatchCommand(Record);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<int> { TypedValue = a.Tenant });
        p.Add(new NpgsqlParameter<long> { TypedValue = a.EnrollmentId });
        p.Add(new NpgsqlParameter<string> { TypedValue = a.Channel });
        p.Add(new NpgsqlParameter<string?> { TypedValue = a.Reference, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<DateOnly> { TypedValue = a.PaidOn });
        p.Add(new NpgsqlParameter<decimal> { TypedValue = a.Amount, NpgsqlDbType = NpgsqlDbType.Numeric });
        p.Add(new NpgsqlParameter<bool> { TypedValue = a.Confirmed });
        p.Add(new NpgsqlParameter<long?> { TypedValue = a.UserId, NpgsqlDbType = NpgsqlDbType.Bigint });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = a.Now });
        p.Add(new NpgsqlParameter<bool> { TypedValue = a.Request is not null });
        p.Add(new NpgsqlParameter<long?> { TypedValue = a.Request?.CampaignId, NpgsqlDbType = NpgsqlDbType.Bigint });
        p.Add(new NpgsqlParameter<string?> { TypedValue = a.Request?.Name, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<decimal?> { TypedValue = a.Request?.Payable, NpgsqlDbType = NpgsqlDbType.Numeric });
        p.Add(new NpgsqlParameter<DateOnly?> { TypedValue = a.Request?.CoverageStart, NpgsqlDbType = NpgsqlDbType.Date });
        p.Add(new NpgsqlParameter<bool?> { TypedValue = a.Request?.Late, NpgsqlDbType = NpgsqlDbType.Boolean });
        p.Add(new NpgsqlParameter<long?> { TypedValue = a.Request?.ApiKeyId, NpgsqlDbType = NpgsqlDbType.Bigint });
        return command;
    }

    public static async Task<RecordRow> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RecordArgs args, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { RecordCommand(args) } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ReadRecord(reader);
    }

    public static RecordRow ReadRecord(System.Data.Common.DbDataReader reader)
    {
        var outcome = reader.GetString(0);
        long? id = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        return outcome switch
        {
            "repeat" => new RecordRow(null, null, Repeat: true, NotRegistered: false),
            "not_registered" => new RecordRow(null, null, Repeat: false, NotRegistered: true),
            _ => new RecordRow(ParseOutcome(outcome), id, false, false),
        };
    }

    public static PaymentOutcome ParseOutcome(string code) => code switch
    {
        "recorded" => PaymentOutcome.Recorded,
        "matched" => PaymentOutcome.Matched,
        "refund_due" => PaymentOutcome.RefundDue,
        _ => throw new InvalidOperationException($"Unknown payment outcome '{code}'."),
    };

    public static string OutcomeCode(PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Recorded => "recorded",
        PaymentOutcome.Matched => "matched",
        PaymentOutcome.RefundDue => "refund_due",
    };

    public static PaymentState ParseState(string code) => code switch
    {
        "confirmed" => PaymentState.Confirmed,
        "unconfirmed" => PaymentState.Unconfirmed,
        "reversed" => PaymentState.Reversed,
        "refund_due" => PaymentState.RefundDue,
        "refunded" => PaymentState.Refunded,
        _ => throw new InvalidOperationException($"Unknown payment state '{code}'."),
    };
}
