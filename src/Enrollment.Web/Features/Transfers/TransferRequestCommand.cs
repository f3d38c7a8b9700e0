using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Transfers;

/// <summary>The answer to 申请转入: a message, and the pending request that stands in the way when the user may see it.</summary>
public sealed record TransferRequestAnswer(bool Ok, string Message, long? PendingRequestId = null);

/// <summary>
/// Requesting a transfer (转移申请). A request names a resident outside the requester's subtree (found by the same
/// check as registration, which ignores only the jurisdiction filter) and a village inside it, and records the
/// village the resident lives in now: approval later moves them only if that is still true.
/// </summary>
internal static class TransferRequestCommand
{
    private const string OnePendingIndex = "transfer_requests_one_pending";

    /// <summary>Requests the transfer of the person <paramref name="check"/> found (the number just checked for the user).</summary>
    public static async Task<TransferRequestAnswer> RequestAsync(
        EnrollmentDbContext db, TimeProvider clock, long? userId,
        IdCheck check, long? toVillageId, string? reason, CancellationToken cancellationToken = default)
    {
        if (check.Kind == IdCheckKind.TooManyLookups)
        {
            return new(false, IdCheckText.TooManyLookups);
        }
        if (!check.CanRequestTransfer)
        {
            return new(false, "该身份证号码无需申请转入。");
        }
        if (toVillageId is not { } villageId || !await ResidentRegistration.VillageInScopeAsync(db, villageId, cancellationToken))
        {
            return new(false, "请先在“所在村（社区）”中选择转入的村（社区）。");
        }
        var number = check.Id.ToString();
        var resident = await db.Residents.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(r => r.CitizenId == number).Select(r => new { r.Id, r.VillageId }).SingleAsync(cancellationToken);
        if (await PendingAsync(db, resident.Id, cancellationToken) is { } pending)
        {
            return pending;
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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OnePendingIndex })
        {
            // Two clerks asked for the same person at the same moment: the partial unique index let one through.
            db.ChangeTracker.Clear();
            return await PendingAsync(db, resident.Id, cancellationToken) ?? new(false, "该人员已有待审批的转移申请，请刷新后查看。");
        }
        var where = check.Kind == IdCheckKind.OtherTownship ? check.TownshipName ?? "原所在镇（街道）" : "本镇";
        return new(true, $"已提交转移申请，待{where}或县医保局审批。");
    }

    /// <summary>
    /// A resident has at most one pending request (also a partial unique index). The refusal says when the pending one
    /// was made, and links to it only when the user's subtree is one of its two sides: otherwise it is someone else's.
    /// </summary>
    private static async Task<TransferRequestAnswer?> PendingAsync(EnrollmentDbContext db, long residentId, CancellationToken cancellationToken)
    {
        var pending = await db.TransferRequests.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(t => t.ResidentId == residentId && t.Status == TransferStatus.Pending)
            .Select(t => new { t.Id, t.RequestedAt }).SingleOrDefaultAsync(cancellationToken);
        if (pending is null)
        {
            return null;
        }
        var visible = await db.TransferRequests.AnyAsync(t => t.Id == pending.Id, cancellationToken);
        var day = TransferText.Day(pending.RequestedAt);
        return new(false,
            $"该人员已有一件待审批的转移申请（{day}提出），同一人员同时只能有一件。请等待审批结果，或由申请方撤回后再申请。",
            visible ? pending.Id : null);
    }
}
