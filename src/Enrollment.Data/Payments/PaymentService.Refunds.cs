using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Payments;

/// <summary>
/// 退费: a double payment (refund_due) is given back in two steps by the county — approved (审批同意), then marked
/// paid back with the day the money went back (退费日期). The database refuses a refund without approval and an
/// approval or refund given twice, so a payment is refunded at most once and never counts as paid.
/// </summary>
public static partial class PaymentService
{
    /// <summary>审批同意 of a refund_due payment's refund (who and when are the context's user and <paramref name="now"/>).</summary>
    public static Task<PaymentChangeResult> ApproveRefundAsync(
        EnrollmentDbContext db, long paymentId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RunChangeAsync(db, paymentId, "approve_refund", null, now, ct);
    }

    /// <summary>
    /// 退费: an approved refund_due payment → refunded, paid back on <paramref name="refundedOn"/>; refused when the
    /// refund was not approved. In the caller's transaction, or one of its own.
    /// </summary>
    public static async Task<PaymentChangeResult> RefundAsync(
        EnrollmentDbContext db, long paymentId, DateOnly refundedOn, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var result = await RunChangeAsync(db, paymentId, "refund", null, now, ct);
            if (result.State is not null)
            {
                await db.Payments.IgnoreQueryFilters([QueryFilters.Jurisdiction]).Where(p => p.Id == paymentId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedOn, refundedOn), ct);
            }
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return result;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }
}
