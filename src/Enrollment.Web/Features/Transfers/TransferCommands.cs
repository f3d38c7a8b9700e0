using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

internal enum DecisionOutcome
{
    Done,
    /// <summary>Not a pending request about a resident in the user's subtree: answered 404, like any record out of scope.</summary>
    NotFound,
    NoteRequired,
}

/// <summary>
/// Requesting and deciding transfers (转移申请). A request names a resident outside the requester's subtree (found
/// by the same check as registration, which ignores only the jurisdiction filter) and a village inside it. Only the
/// side that holds the resident, or the county, decides: the resident must be visible through the query filters.
/// Approving moves the resident to the requested village and takes them out of their household (relation
/// cleared; if they headed it, the household is left without a head for its township to fix); the household and
/// its other members stay where they are.
/// </summary>
internal static class TransferCommands
{
    public static async Task<(bool Ok, string Message)> RequestAsync(
        EnrollmentDbContext db, DuplicateRegistry registry, TimeProvider clock, long? userId,
        string? citizenId, long? toVillageId, string? reason, CancellationToken cancellationToken = default)
    {
        var check = await CitizenIdCheck.CheckAsync(db, registry, clock, citizenId, cancellationToken);
        if (!check.CanRequestTransfer)
        {
            return (false, "该身份证号码无需申请转入。");
        }
        if (toVillageId is not { } villageId || !await ResidentRegistration.VillageInScopeAsync(db, villageId, cancellationToken))
        {
            return (false, "请先在“所在村（社区）”中选择转入的村（社区）。");
        }
        var number = check.Id.ToString();
        var resident = await db.Residents.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(r => r.CitizenId == number).Select(r => new { r.Id, r.VillageId }).SingleAsync(cancellationToken);
        var pending = await db.TransferRequests.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .AnyAsync(t => t.ResidentId == resident.Id && t.Status == TransferStatus.Pending, cancellationToken);
        if (pending)
        {
            return (false, "该人员已有待审批的转移申请，请等待审批结果。");
        }
        db.TransferRequests.Add(new TransferRequest
        {
            ResidentId = resident.Id,
            FromVillageId = resident.VillageId,
            ToVillageId = villageId,
            RequestedByUserId = userId,
            RequestedAt = clock.GetUtcNow(),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Status = TransferStatus.Pending,
        });
        await db.SaveChangesAsync(cancellationToken);
        var where = check.Kind == IdCheckKind.OtherTownship ? check.TownshipName : "本镇";
        return (true, $"已提交转移申请，待{where}或县医保局审批。");
    }

    public static async Task<DecisionOutcome> DecideAsync(
        EnrollmentDbContext db, TimeProvider clock, long? userId, long requestId, bool approve, string? note,
        CancellationToken cancellationToken = default)
    {
        var request = await db.TransferRequests
            .SingleOrDefaultAsync(t => t.Id == requestId && t.Status == TransferStatus.Pending, cancellationToken);
        // The request is visible to the requesting side too; deciding needs the resident in the user's subtree,
        // still in the village they were asked from.
        var resident = request is null ? null : await db.Residents.SingleOrDefaultAsync(r => r.Id == request.ResidentId, cancellationToken);
        if (request is null || resident is null || resident.VillageId != request.FromVillageId)
        {
            return DecisionOutcome.NotFound;
        }
        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return DecisionOutcome.NoteRequired;
        }
        if (approve)
        {
            if (resident.HouseholdId is { } householdId
                && await db.Households.SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken) is { } household
                && household.HeadResidentId == resident.Id)
            {
                household.HeadResidentId = null;
            }
            resident.HouseholdId = null;
            resident.RelationToHead = null;
            resident.VillageId = request.ToVillageId;
        }
        request.Status = approve ? TransferStatus.Approved : TransferStatus.Rejected;
        request.DecidedByUserId = userId;
        request.DecidedAt = clock.GetUtcNow();
        request.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return DecisionOutcome.Done;
    }
}
