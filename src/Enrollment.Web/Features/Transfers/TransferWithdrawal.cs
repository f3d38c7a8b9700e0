using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>
/// 撤回: the requesting side withdraws a pending request — the clerk who made it, or a township clerk whose subtree
/// holds the village it asked for (the requester's township, e.g. for a village collector who is away). The county
/// decides instead of withdrawing. Recorded on the request (status, who, when, optional note) and, like every change
/// through the context, in the audit log.
/// </summary>
internal static class TransferWithdrawal
{
    public static async Task<TransferOutcome> WithdrawAsync(
        EnrollmentDbContext db, TimeProvider clock, long? userId, UserRole? role, long requestId, string? note, uint? seenVersion,
        CancellationToken cancellationToken = default)
    {
        var request = await db.TransferRequests.SingleOrDefaultAsync(t => t.Id == requestId, cancellationToken);
        if (request is null || !await MayWithdrawAsync(db, request, userId, role, cancellationToken))
        {
            return TransferOutcome.NotFound;
        }
        if (request.Status != TransferStatus.Pending)
        {
            return TransferOutcome.AlreadyClosed;
        }
        if (seenVersion is { } version)
        {
            db.Entry(request).Property(t => t.RowVersion).OriginalValue = version;
        }
        request.Status = TransferStatus.Cancelled;
        request.DecidedByUserId = userId;
        request.DecidedAt = clock.GetUtcNow();
        request.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TransferOutcome.AlreadyClosed;
        }
        return TransferOutcome.Withdrawn;
    }

    /// <summary>Also used by the list to offer the button only where it works.</summary>
    public static async Task<bool> MayWithdrawAsync(
        EnrollmentDbContext db, TransferRequest request, long? userId, UserRole? role, CancellationToken cancellationToken) =>
        (userId is not null && request.RequestedByUserId == userId)
        || (role == UserRole.TownshipStaff && await TransferScope.ContainsAsync(db, request.ToVillageId, cancellationToken));
}
