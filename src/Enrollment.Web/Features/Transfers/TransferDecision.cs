using Enrollment.Data;
using Enrollment.Data.Enrolling;
using Enrollment.Data.Entities;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>
/// Approving or rejecting a transfer. Only the side that held the resident when the request was made (its
/// <see cref="TransferRequest.FromVillageId"/> lies in the user's subtree), or the county, decides; the requesting
/// side sees the request but gets the same 404 as a stranger. Approving moves the resident to the requested village
/// and takes them out of their household (relation cleared; if they headed it, the household is left without a head
/// for its township to fix); the household and its other members stay where they are.
/// </summary>
internal static class TransferDecision
{
    public static async Task<TransferOutcome> DecideAsync(
        EnrollmentDbContext db, TimeProvider clock, long? userId, long requestId, bool approve, string? note, uint? seenVersion,
        CancellationToken cancellationToken = default)
    {
        var request = await db.TransferRequests.SingleOrDefaultAsync(t => t.Id == requestId, cancellationToken);
        if (request is null || !await TransferScope.ContainsAsync(db, request.FromVillageId, cancellationToken))
        {
            return TransferOutcome.NotFound;
        }
        if (request.Status != TransferStatus.Pending)
        {
            return TransferOutcome.AlreadyClosed;
        }
        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return TransferOutcome.NoteRequired;
        }
        if (seenVersion is { } version)
        {
            // The UPDATE then checks xmin against what the decider saw, not only against what was loaded just now.
            db.Entry(request).Property(t => t.RowVersion).OriginalValue = version;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lapsed = approve && !await MoveAsync(db, request, cancellationToken);
        request.Status = lapsed ? TransferStatus.Superseded : approve ? TransferStatus.Approved : TransferStatus.Rejected;
        request.DecidedByUserId = userId;
        request.DecidedAt = clock.GetUtcNow();
        request.DecisionNote = lapsed ? TransferText.LapsedNote : string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Withdrawn or decided by someone else since the page was rendered: nothing of this decision is kept.
            await transaction.RollbackAsync(cancellationToken);
            return TransferOutcome.AlreadyClosed;
        }
        if (approve && !lapsed)
        {
            // Enrolled where they now live (a township's own campaign) and re-quoted for the new township.
            await RegistrationEnrollment.EnrollAsync(db, [request.ResidentId], clock.Today(), request.DecidedAt.Value, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return lapsed ? TransferOutcome.Lapsed : approve ? TransferOutcome.Approved : TransferOutcome.Rejected;
    }

    /// <summary>
    /// Moves the resident, unless they no longer live in the village the request was made against (moved by another
    /// transfer, their record edited, or no longer active — died, moved out): then it answers false, the request lapses and nobody moves. The resident's row is locked
    /// first, so an edit cannot slip in between this comparison and the move (residents carry no row version).
    /// </summary>
    private static async Task<bool> MoveAsync(EnrollmentDbContext db, TransferRequest request, CancellationToken cancellationToken)
    {
        var tenantId = request.TenantId;
        var residentId = request.ResidentId;
        await db.Database.SqlQuery<long>(
            $"SELECT id AS \"Value\" FROM residents WHERE tenant_id = {tenantId} AND id = {residentId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        // Wherever they live now, inside or outside this user's subtree: the tenant filter still holds.
        var resident = await db.Residents.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .SingleAsync(r => r.Id == residentId, cancellationToken);
        // A resident who died or left the register since the request is not moved either.
        if (resident.VillageId != request.FromVillageId || resident.Status != ResidentStatus.Active)
        {
            return false;
        }
        if (resident.HouseholdId is { } householdId
            && await db.Households.IgnoreQueryFilters([QueryFilters.Jurisdiction]).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken) is { } household
            && household.HeadResidentId == resident.Id)
        {
            household.HeadResidentId = null;
        }
        resident.HouseholdId = null;
        resident.RelationToHead = null;
        resident.VillageId = request.ToVillageId;
        return true;
    }
}
