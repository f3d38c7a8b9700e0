using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Enrollment.Data.Payments;

/// <summary>What happened to a payment that was recorded (the API's <c>status</c>).</summary>
public enum PaymentOutcome
{
    /// <summary>A new payment, counted as paid at once when confirmed.</summary>
    Recorded,
    /// <summary>An unconfirmed hand entry of the same amount was confirmed by this record; no second payment.</summary>
    Matched,
    /// <summary>The enrollment already had a payment: recorded and listed for a refund, never counted twice.</summary>
    RefundDue,
}

/// <summary>A payment to record: channel, its reference (receipt or transaction number), date and amount.</summary>
public sealed record NewPayment(string Channel, string? Reference, DateOnly PaidOn, decimal Amount, bool Confirmed);

/// <summary>What <see cref="PaymentService.ChangeAsync"/> can do to one payment.</summary>
public enum PaymentChange
{
    /// <summary>到账确认: unconfirmed → confirmed.</summary>
    Confirm,
    /// <summary>冲正 with a reason; the oldest refund_due payment of the enrollment counts instead.</summary>
    Reverse,
    /// <summary>退费: an approved refund_due payment → refunded (see <c>PaymentService.ApproveRefundAsync</c>).</summary>
    Refund,
}

/// <summary>The result of a change: the payment's new state, or why nothing changed.</summary>
public sealed record PaymentChangeResult(PaymentState? State, bool NotFound)
{
    public bool Refused => State is null && !NotFound;
}

/// <summary>
/// The one way payments are written (the API now; the clerks' pages and the tax file import later). Every
/// operation is one call of a database function (migration 0018), which locks the enrollment, changes the payment,
/// rewrites the enrollment's payment state (the one definition of paid) and, through the enrollment triggers,
/// appends the progress deltas — all in the caller's transaction, or in its own statement when there is none.
/// Runs on the context's connection, so the tenant the context was made for is the only one it can touch.
/// </summary>
public static partial class PaymentService
{
    /// <summary>Records money received for an enrollment (a clerk's entry, a file row). Unconfirmed unless <see cref="NewPayment.Confirmed"/>.</summary>
    public static async Task<(PaymentOutcome Outcome, long PaymentId)?> RecordAsync(
        EnrollmentDbContext db, long enrollmentId, NewPayment payment, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payment);
        var (connection, transaction, tenant) = await OpenAsync(db, ct);
        try
        {
            var row = await PaymentSql.RecordAsync(connection, transaction, new PaymentSql.RecordArgs(
                tenant, enrollmentId, payment.Channel, payment.Reference, payment.PaidOn, payment.Amount, payment.Confirmed,
                db.Tenant.UserId, now, Request: null), ct);
            return row.Outcome is { } outcome ? (outcome, row.PaymentId!.Value) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Confirms, reverses (with <paramref name="reason"/>) or marks refunded one payment.</summary>
    public static async Task<PaymentChangeResult> ChangeAsync(
        EnrollmentDbContext db, long paymentId, PaymentChange change, string? reason, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (change == PaymentChange.Reverse && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A reversal needs a reason.", nameof(reason));
        }
        return await RunChangeAsync(db, paymentId, ChangeCode(change), reason?.Trim(), now, ct);
    }

    /// <summary>One call of payment_change with its change code; the refund approval calls it too.</summary>
    private static async Task<PaymentChangeResult> RunChangeAsync(
        EnrollmentDbContext db, long paymentId, string code, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var (connection, transaction, tenant) = await OpenAsync(db, ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT payment_change($1, $2, $3, $4, $5, $6)", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tenant });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = paymentId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = reason, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = db.Tenant.UserId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            var answer = (string)(await command.ExecuteScalarAsync(ct))!;
            return answer switch
            {
                "not_found" => new PaymentChangeResult(null, NotFound: true),
                "refused" => new PaymentChangeResult(null, NotFound: false),
                _ => new PaymentChangeResult(PaymentSql.ParseState(answer), NotFound: false),
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// 政府代缴: a confirmed government payment dated <paramref name="paidOn"/> for every unpaid enrollment of the
    /// campaign whose quote leaves nothing to pay. Idempotent; returns the number of payments written.
    /// </summary>
    public static async Task<int> PayFullySubsidisedAsync(
        EnrollmentDbContext db, long campaignId, DateOnly paidOn, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (connection, transaction, tenant) = await OpenAsync(db, ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT payment_government_all($1, $2, $3, $4, $5)", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tenant });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = paidOn });
            command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = db.Tenant.UserId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            return (int)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string ChangeCode(PaymentChange change) => change switch
    {
        PaymentChange.Confirm => "confirm",
        PaymentChange.Reverse => "reverse",
        PaymentChange.Refund => "refund",
    };

    private static async Task<(NpgsqlConnection, NpgsqlTransaction?, int)> OpenAsync(EnrollmentDbContext db, CancellationToken ct)
    {
        var tenant = db.Tenant.TenantId ?? throw new InvalidOperationException("Payments are written for a tenant.");
        await db.Database.OpenConnectionAsync(ct);
        return ((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(), tenant);
    }
}
