using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>
/// One request as the current user may see it. The requesting side learns the holding township's name only, and
/// the resident's name only once the resident is in their subtree (after approval). The masked number is shown to
/// both sides: the requester typed it. <see cref="Moved"/> tells the deciding side that the resident no longer lives
/// where the request says (approving would only mark it 已失效).
/// </summary>
public sealed record TransferRow(
    long Id, string MaskedCitizenId, string? ResidentName, long? ResidentLink, string From, string To,
    string? Reason, TransferStatus Status, DateTimeOffset RequestedAt, string RequestedBy,
    DateTimeOffset? ClosedAt, string? ClosedBy, string? DecisionNote,
    bool CanDecide, bool CanWithdraw, bool Moved, uint Version);

/// <summary>
/// The lists of /transfers, each in official township order (of the holding side), newest first within:
/// <see cref="Waiting"/> for this user to decide, <see cref="Mine"/> asked by this user's side, <see cref="Outgoing"/>
/// out of this user's area but decided above them (a village collector's village, decided by the township), and the
/// latest closed ones.
/// </summary>
internal sealed record TransferLists(
    IReadOnlyList<TransferRow> Waiting, IReadOnlyList<TransferRow> Mine, IReadOnlyList<TransferRow> Outgoing, IReadOnlyList<TransferRow> Closed);

internal static class TransferList
{
    private const int PendingLimit = 500;
    private const int ClosedLimit = 100;

    public static async Task<TransferLists> LoadAsync(EnrollmentDbContext db, long? userId, UserRole? role, CancellationToken cancellationToken = default)
    {
        var visible = db.TransferRequests.AsNoTracking();
        var pending = await visible.Where(t => t.Status == TransferStatus.Pending)
            .OrderByDescending(t => t.RequestedAt).Take(PendingLimit).ToListAsync(cancellationToken);
        var closed = await visible.Where(t => t.Status != TransferStatus.Pending)
            .OrderByDescending(t => t.DecidedAt).ThenByDescending(t => t.Id).Take(ClosedLimit).ToListAsync(cancellationToken);
        var requests = pending.Concat(closed).ToList();

        var residentIds = requests.Select(t => t.ResidentId).Distinct().ToList();
        var inScope = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, cancellationToken);
        // Number and current village wherever the resident lives now (the tenant filter still holds): the number is
        // shown masked, the village only compared with the request's.
        var facts = await db.Residents.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(r => residentIds.Contains(r.Id)).Select(r => new { r.Id, r.CitizenId, r.VillageId })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var userIds = requests.SelectMany(t => new[] { t.RequestedByUserId, t.DecidedByUserId }).OfType<long>().Distinct().ToList();
        // Display names of accounts are role placeholders (鲍沟镇医保办经办人), never an official's own name.
        var users = await db.UserAccounts.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var places = await TransferPlaces.LoadAsync(db, requests.SelectMany(t => new[] { t.FromVillageId, t.ToVillageId }).Distinct().ToList(), cancellationToken);
        var scope = db.Tenant.JurisdictionPath;
        bool Mine(long villageId) => scope is null || places[villageId].Path.StartsWith(scope, StringComparison.Ordinal);
        var mayApprove = TransferRoles.MayApprove(role);

        TransferRow Row(TransferRequest t)
        {
            var name = inScope.GetValueOrDefault(t.ResidentId);
            var fact = facts.GetValueOrDefault(t.ResidentId);
            var from = places[t.FromVillageId];
            var to = places[t.ToVillageId];
            var isPending = t.Status == TransferStatus.Pending;
            var decides = mayApprove && Mine(t.FromVillageId);
            return new TransferRow(
                t.Id, CitizenIdMask.Mask(fact?.CitizenId ?? ""), name?.Name, name?.Id,
                Mine(t.FromVillageId) ? $"{from.Township} {from.Village}" : from.Township,
                $"{to.Township} {to.Village}",
                t.Reason, t.Status, t.RequestedAt, NameOf(users, t.RequestedByUserId),
                t.DecidedAt, t.DecidedByUserId is null ? null : NameOf(users, t.DecidedByUserId), t.DecisionNote,
                CanDecide: isPending && decides,
                CanWithdraw: isPending && ((userId is not null && t.RequestedByUserId == userId) || (role == UserRole.TownshipStaff && Mine(t.ToVillageId))),
                Moved: isPending && decides && fact is not null && fact.VillageId != t.FromVillageId,
                t.RowVersion);
        }

        IReadOnlyList<TransferRow> Ordered(IEnumerable<TransferRequest> list) =>
            [.. list.OrderBy(t => places[t.FromVillageId].TownshipOrder).ThenBy(t => places[t.FromVillageId].Township, StringComparer.Ordinal)
                .ThenByDescending(t => t.RequestedAt).ThenByDescending(t => t.Id).Select(Row)];

        var waiting = pending.Where(t => mayApprove && Mine(t.FromVillageId)).ToList();
        var asked = pending.Except(waiting).Where(t => Mine(t.ToVillageId)).ToList();
        return new TransferLists(Ordered(waiting), Ordered(asked), Ordered(pending.Except(waiting).Except(asked)), Ordered(closed));
    }

    private static string NameOf(Dictionary<long, string> users, long? userId) =>
        userId is { } id && users.TryGetValue(id, out var name) ? name : "—";
}
