using Enrollment.Data.Entities;
using Enrollment.Data.Payments;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Refunds;

/// <summary>
/// The county's two steps of a refund (Operation.ManageRefunds): 审批同意, then 退费 with the day the money went back.
/// Both go through the payment functions, which refuse a refund without approval and anything done twice; each is
/// audited in the same transaction.
/// </summary>
public sealed class RefundCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<RefundOutcome> ApproveAsync(long paymentId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ManageRefunds);
        await using var db = await contexts.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await IsRefundAsync(db, paymentId, cancellationToken))
        {
            return RefundOutcome.NotFound;
        }
        var now = clock.GetUtcNow();
        var result = await PaymentService.ApproveRefundAsync(db, paymentId, now, cancellationToken);
        if (result.State is null)
        {
            return result.NotFound ? RefundOutcome.NotFound : RefundOutcome.NotRefundable;
        }
        await PaymentAudit.WriteAsync(db, user, "payments", new { tenant_id = user.TenantId, id = paymentId }, AuditAction.Update,
            new { state = "refund_due", refund_approved_at = (DateTimeOffset?)null }, new { state = "refund_due", refund_approved_at = now },
            now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RefundOutcome.Approved;
    }

    public async Task<RefundOutcome> RefundAsync(long paymentId, DateOnly? refundedOn, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ManageRefunds);
        if (refundedOn is not { } day)
        {
            return RefundOutcome.DateMissing;
        }
        if (day > clock.Today())
        {
            return RefundOutcome.DateInFuture;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var approved = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId && (p.State == PaymentState.RefundDue || p.State == PaymentState.Refunded))
            .Select(p => new { p.State, p.RefundApprovedAt, p.PaidOn }).SingleOrDefaultAsync(cancellationToken);
        if (approved is null)
        {
            return RefundOutcome.NotFound;
        }
        if (approved is { State: PaymentState.RefundDue, RefundApprovedAt: null })
        {
            return RefundOutcome.NotApproved;
        }
        if (day < approved.PaidOn)
        {
            return RefundOutcome.DateBeforePayment;
        }
        var now = clock.GetUtcNow();
        var result = await PaymentService.RefundAsync(db, paymentId, day, now, cancellationToken);
        if (result.State is null)
        {
            return result.NotFound ? RefundOutcome.NotFound : RefundOutcome.NotRefundable;
        }
        await PaymentAudit.WriteAsync(db, user, "payments", new { tenant_id = user.TenantId, id = paymentId }, AuditAction.Update,
            new { state = "refund_due" }, new { state = "refunded", refunded_on = day, refunded_at = now }, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RefundOutcome.Refunded;
    }

    /// <summary>A double payment of the user's subtree (the payment functions see the whole county).</summary>
    private static Task<bool> IsRefundAsync(Enrollment.Data.EnrollmentDbContext db, long paymentId, CancellationToken cancellationToken) =>
        db.Payments.AnyAsync(p => p.Id == paymentId && (p.State == PaymentState.RefundDue || p.State == PaymentState.Refunded), cancellationToken);
}
