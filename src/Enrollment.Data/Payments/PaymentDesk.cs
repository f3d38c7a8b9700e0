using System.Text.Json;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Data.Payments;

/// <summary>Why the desk did not do what was asked.</summary>
public enum DeskRefusal
{
    /// <summary>No such payment in the user's county and subtree.</summary>
    NotFound,
    /// <summary>The user recorded this payment: someone else must confirm it.</summary>
    OwnEntry,
    /// <summary>The payment is in a filed subsidy claim batch: only a county user may reverse it.</summary>
    Claimed,
    /// <summary>The payment is not in a state the change applies to (already confirmed, already reversed…).</summary>
    WrongState,
}

/// <summary>A change's answer: the payment's new state, or why nothing changed (with the state it is in).</summary>
public sealed record DeskAnswer(PaymentState? State, DeskRefusal? Refusal)
{
    public bool Done => Refusal is null;
}

/// <summary>One member's payment of a household payment: the enrollment and the amount due on the payment date.</summary>
public sealed record DeskPayment(long EnrollmentId, decimal Amount, QuoteSnapshot? Quote);

/// <summary>What came of recording several payments in one transaction: every one, or none with the reason.</summary>
public sealed record DeskRecording(IReadOnlyList<(long EnrollmentId, PaymentOutcome Outcome, long PaymentId)> Recorded, long? NotRegistered, bool DuplicateReference)
{
    public bool Done => NotRegistered is null && !DuplicateReference;
}

/// <summary>
/// The clerks' payment desk: the checks of the browser pages around <see cref="PaymentService"/> — a collector's
/// entries recorded together (a household: all or none), nobody confirming what they recorded themselves, a payment
/// in a filed claim batch reversed only by the county — each in one transaction that first locks the payment rows
/// (SELECT … FOR UPDATE), then calls the payment service on the same connection and audits what it did. The payments
/// are found through the context's query filters, so a payment outside the user's subtree is not found.
/// </summary>
public static class PaymentDesk
{
    /// <summary>
    /// Records <paramref name="payments"/> (unconfirmed hand entries) under one channel, reference and date, in one
    /// transaction. A quote given is first written as the enrollment's quote snapshot (the amount and coverage start
    /// on the payment date). Nothing is kept when one enrollment is no longer registered or the reference was used.
    /// </summary>
    public static async Task<DeskRecording> RecordAllAsync(
        EnrollmentDbContext db, IReadOnlyList<DeskPayment> payments, string channel, string reference, DateOnly paidOn,
        long? userId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payments);
        var recorded = new List<(long, PaymentOutcome, long)>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var payment in payments)
            {
                if (payment.Quote is { } quote
                    && await db.Enrollments.SingleOrDefaultAsync(e => e.Id == payment.EnrollmentId && e.Status == EnrollmentStatus.Registered, ct) is { } enrollment)
                {
                    enrollment.ApplyQuote(quote, now);
                    await db.SaveChangesAsync(ct);
                }
                var row = await PaymentService.RecordAsync(db, payment.EnrollmentId,
                    new NewPayment(channel, reference, paidOn, payment.Amount, Confirmed: false), now, ct);
                if (row is not { } done)
                {
                    await transaction.RollbackAsync(ct);
                    return new DeskRecording([], payment.EnrollmentId, false);
                }
                recorded.Add((payment.EnrollmentId, done.Outcome, done.PaymentId));
                db.AuditLog.Add(Audit(db, done.PaymentId, userId, actor, now, null, new
                {
                    enrollment_id = payment.EnrollmentId, amount = payment.Amount, channel_code = channel, reference, paid_on = paidOn,
                    outcome = OutcomeCode(done.Outcome),
                }));
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new DeskRecording(recorded, null, false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "payments_channel_reference")
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new DeskRecording([], null, true);
        }
    }

    /// <summary>到账确认 of one payment; refused for the user's own entry.</summary>
    public static async Task<DeskAnswer> ConfirmAsync(EnrollmentDbContext db, long paymentId, long userId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await LockAsync(db, [paymentId], ct);
        if (locked.Count == 0)
        {
            return new DeskAnswer(null, DeskRefusal.NotFound);
        }
        var answer = await ConfirmLockedAsync(db, locked[0], userId, actor, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return answer;
    }

    /// <summary>
    /// Confirms every unconfirmed payment of the village recorded on <paramref name="recordedOn"/> (China Standard
    /// Time) in one transaction, except the user's own entries. Returns how many were confirmed and how many skipped.
    /// </summary>
    public static async Task<(int Confirmed, int OwnSkipped)> ConfirmVillageDayAsync(
        EnrollmentDbContext db, long villageId, DateOnly recordedOn, long userId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (from, to) = DayInChina(recordedOn);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = await db.Payments.AsNoTracking()
            .Where(p => p.State == PaymentState.Unconfirmed && p.Enrollment!.Resident!.VillageId == villageId
                && p.RecordedAt >= from && p.RecordedAt < to)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var confirmed = 0;
        var own = 0;
        foreach (var payment in await LockAsync(db, ids, ct))
        {
            var answer = await ConfirmLockedAsync(db, payment, userId, actor, now, ct);
            confirmed += answer.Done ? 1 : 0;
            own += answer.Refusal == DeskRefusal.OwnEntry ? 1 : 0;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (confirmed, own);
    }

    /// <summary>
    /// 冲正 with a reason. A payment already in a filed claim batch (<see cref="Payment.ClaimedAt"/>) is reversed only
    /// by a county user (<paramref name="countyUser"/>: not bound to a township).
    /// </summary>
    public static async Task<DeskAnswer> ReverseAsync(
        EnrollmentDbContext db, long paymentId, string reason, bool countyUser, long userId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await LockAsync(db, [paymentId], ct);
        if (locked.Count == 0)
        {
            return new DeskAnswer(null, DeskRefusal.NotFound);
        }
        var payment = locked[0];
        var state = PaymentSql.ParseState(payment.State);
        if (payment.ClaimedAt is not null && !countyUser)
        {
            return new DeskAnswer(state, DeskRefusal.Claimed);
        }
        var result = await PaymentService.ChangeAsync(db, paymentId, PaymentChange.Reverse, reason, now, ct);
        if (result.State is not { } after)
        {
            return new DeskAnswer(state, DeskRefusal.WrongState);
        }
        db.AuditLog.Add(Audit(db, paymentId, userId, actor, now, new { state = payment.State }, new { state = "reversed", reversal_reason = reason.Trim() }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DeskAnswer(after, null);
    }

    /// <summary>Midnight to midnight of <paramref name="day"/> in China Standard Time (UTC+8, no daylight saving).</summary>
    public static (DateTimeOffset From, DateTimeOffset ToExclusive) DayInChina(DateOnly day)
    {
        // The calendar's first and last days have no midnight at UTC+8 inside DateTimeOffset's range: their neighbours stand in.
        day = day.DayNumber < 1 ? DateOnly.MinValue.AddDays(1) : day >= DateOnly.MaxValue ? DateOnly.MaxValue.AddDays(-1) : day;
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        return (from, from.AddDays(1));
    }

    private static async Task<DeskAnswer> ConfirmLockedAsync(
        EnrollmentDbContext db, LockedPayment payment, long userId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var state = PaymentSql.ParseState(payment.State);
        if (payment.RecordedByUserId == userId)
        {
            return new DeskAnswer(state, DeskRefusal.OwnEntry);
        }
        if (state != PaymentState.Unconfirmed)
        {
            return new DeskAnswer(state, DeskRefusal.WrongState);
        }
        var result = await PaymentService.ChangeAsync(db, payment.Id, PaymentChange.Confirm, null, now, ct);
        if (result.State is not { } after)
        {
            return new DeskAnswer(state, DeskRefusal.WrongState);
        }
        db.AuditLog.Add(Audit(db, payment.Id, userId, actor, now, new { state = payment.State }, new { state = "confirmed" }));
        return new DeskAnswer(after, null);
    }

    /// <summary>
    /// Locks the payments (in id order, so two desks never wait on each other crosswise) and returns those the user's
    /// subtree holds: the lock reads the tenant's rows (row-level security), the filtered query keeps the subtree's.
    /// </summary>
    private static async Task<List<LockedPayment>> LockAsync(EnrollmentDbContext db, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var tenant = db.Tenant.TenantId ?? throw new InvalidOperationException("Payments are changed for a tenant.");
        var sorted = ids.Order().ToArray();
        var locked = await db.Database.SqlQuery<LockedPayment>($"""
            SELECT id AS "Id", state AS "State", recorded_by_user_id AS "RecordedByUserId", claimed_at AS "ClaimedAt"
            FROM payments WHERE tenant_id = {tenant} AND id = ANY({sorted}) ORDER BY id FOR UPDATE
            """).ToListAsync(ct);
        var seen = await db.Payments.AsNoTracking().Where(p => sorted.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        return [.. locked.Where(p => seen.Contains(p.Id))];
    }

    private static AuditEntry Audit(EnrollmentDbContext db, long paymentId, long? userId, string actor, DateTimeOffset now, object? before, object after) => new()
    {
        OccurredAt = now,
        ActorUserId = userId,
        Actor = actor,
        Entity = "payments",
        EntityKey = JsonSerializer.Serialize(new { tenant_id = db.Tenant.TenantId, id = paymentId }),
        Action = before is null ? AuditAction.Insert : AuditAction.Update,
        Before = before is null ? null : JsonSerializer.Serialize(before),
        After = JsonSerializer.Serialize(after),
    };

    private static string OutcomeCode(PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Recorded => "recorded",
        PaymentOutcome.Matched => "matched",
        PaymentOutcome.RefundDue => "refund_due",
    };

    private sealed class LockedPayment
    {
        public long Id { get; set; }

        public string State { get; set; } = "";

        public long? RecordedByUserId { get; set; }

        public DateTimeOffset? ClaimedAt { get; set; }
    }
}
