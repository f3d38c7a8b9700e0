using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>
/// Pending requests as one user sees them: <see cref="Waiting"/> wait for this user to decide (the holding side or
/// the county); <see cref="Mine"/> were asked into this user's area and wait for someone else. Requests out of a
/// village collector's village count as neither: their township decides them.
/// </summary>
public sealed record PendingTransferCounts(int Waiting, int Mine);

internal static class TransferCounter
{
    /// <summary>
    /// Two counts over the partial index of pending requests. The request's own filter keeps them to the user's two
    /// sides; the subquery on the (equally filtered) jurisdictions asks whether the holding village is theirs.
    /// </summary>
    public static async Task<PendingTransferCounts> CountAsync(EnrollmentDbContext db, UserRole? role, CancellationToken cancellationToken = default)
    {
        if (!TransferRoles.MayRequest(role))
        {
            return new PendingTransferCounts(0, 0);
        }
        var pending = db.TransferRequests.Where(t => t.Status == TransferStatus.Pending);
        if (!TransferRoles.MayApprove(role))
        {
            return new PendingTransferCounts(0, await pending.CountAsync(t => db.Jurisdictions.Any(j => j.Id == t.ToVillageId), cancellationToken));
        }
        var waiting = await pending.CountAsync(t => db.Jurisdictions.Any(j => j.Id == t.FromVillageId), cancellationToken);
        // Visible and not held here means asked into this area.
        var mine = await pending.CountAsync(t => !db.Jurisdictions.Any(j => j.Id == t.FromVillageId), cancellationToken);
        return new PendingTransferCounts(waiting, mine);
    }
}
