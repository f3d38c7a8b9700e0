using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
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
/// The lists of 转移申请: <see cref="Waiting"/> for this user to decide (the holding side, township clerks and the
/// county); <see cref="Mine"/> asked into this user's area and waiting for the other side; <see cref="Outgoing"/>
/// out of this user's area but decided above them (a village collector's village, decided by its township);
/// <see cref="Closed"/> decided, withdrawn or lapsed.
/// </summary>
public enum TransferListKind
{
    Waiting,
    Mine,
    Outgoing,
    Closed,
}

/// <summary>Filters above a transfer list: the township the resident was in when the request was made.</summary>
public sealed record TransferFilter(long? FromTownshipId = null);

internal static class TransferList
{
    private static readonly string[] JurisdictionFilter = [QueryFilters.Jurisdiction];

    /// <summary>The requests of one list, in the database: the query filter already keeps them to the user's two sides.</summary>
    public static IQueryable<TransferRequest> Of(EnrollmentDbContext db, TransferListKind kind, bool mayApprove)
    {
        var visible = db.TransferRequests.AsNoTracking();
        var pending = visible.Where(t => t.Status == TransferStatus.Pending);
        // The jurisdiction filter makes "a jurisdiction with that id exists" mean "that village is in my subtree".
        return kind switch
        {
            TransferListKind.Waiting => mayApprove ? pending.Where(t => db.Jurisdictions.Any(j => j.Id == t.FromVillageId)) : pending.Where(_ => false),
            TransferListKind.Mine => pending.Where(t => !(mayApprove && db.Jurisdictions.Any(j => j.Id == t.FromVillageId))
                && db.Jurisdictions.Any(j => j.Id == t.ToVillageId)),
            TransferListKind.Outgoing => pending.Where(t => !(mayApprove && db.Jurisdictions.Any(j => j.Id == t.FromVillageId))
                && !db.Jurisdictions.Any(j => j.Id == t.ToVillageId)),
            TransferListKind.Closed => visible.Where(t => t.Status != TransferStatus.Pending),
        };
    }

    /// <summary>
    /// One page of a list: by the holding township's official order, newest first within it (closed ones by when they
    /// closed), unless the grid sorts by a column.
    /// </summary>
    public static async Task<GridPage<TransferRow>> PageAsync(
        EnrollmentDbContext db, SignedInUser user, TransferListKind kind, TransferFilter filter, GridRequest request,
        CancellationToken cancellationToken = default)
    {
        // The county's villages and their township's rank, read once (never IgnoreQueryFilters inside the list's own
        // query: EF lifts it to the whole query, and the requests would lose their jurisdiction filter).
        var villages = await VillageRanksAsync(db, cancellationToken);
        var query = Of(db, kind, TransferRoles.MayApprove(user.Role));
        if (filter.FromTownshipId is { } townshipId)
        {
            var ofTownship = villages.Where(v => v.TownshipId == townshipId).Select(v => v.Id).ToArray();
            query = query.Where(t => ofTownship.Contains(t.FromVillageId));
        }
        var total = await query.CountAsync(cancellationToken);
        // Villages in township order; the rank of a request is the rank of its holding village's township.
        var ids = villages.Select(v => v.Id).ToArray();
        var ranks = villages.Select(v => v.TownshipRank).ToArray();
        var ordered = (request.SortBy, request.Descending, kind) switch
        {
            (nameof(TransferRow.RequestedAt), false, _) => query.OrderBy(t => t.RequestedAt).ThenBy(t => t.Id),
            (nameof(TransferRow.RequestedAt), true, _) => query.OrderByDescending(t => t.RequestedAt).ThenByDescending(t => t.Id),
            (_, _, TransferListKind.Closed) => query.OrderByDescending(t => t.DecidedAt).ThenByDescending(t => t.Id),
            _ => query.OrderBy(t => ranks[Array.IndexOf(ids, t.FromVillageId)]).ThenByDescending(t => t.RequestedAt).ThenByDescending(t => t.Id),
        };
        var requests = await ordered.Skip(request.Skip).Take(request.Size).ToListAsync(cancellationToken);
        return new GridPage<TransferRow>(await RowsAsync(db, user, requests, cancellationToken), total);
    }

    private sealed record VillageRank(long Id, long? TownshipId, int TownshipRank);

    /// <summary>Every village of the county with its township and that township's position in official order.</summary>
    private static async Task<List<VillageRank>> VillageRanksAsync(EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        var wholeTenant = db.Jurisdictions.AsNoTracking().IgnoreQueryFilters(JurisdictionFilter);
        var townships = await wholeTenant.Where(j => j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Name).Select(j => new { j.Id, j.Path }).ToListAsync(cancellationToken);
        var villages = await wholeTenant.Where(j => j.Level == JurisdictionLevel.Village)
            .Select(j => new { j.Id, j.Path }).ToListAsync(cancellationToken);
        return [.. villages.Select(v =>
        {
            var rank = townships.FindIndex(t => v.Path.StartsWith(t.Path, StringComparison.Ordinal));
            return new VillageRank(v.Id, rank < 0 ? null : townships[rank].Id, rank < 0 ? int.MaxValue : rank);
        }).OrderBy(v => v.TownshipRank)];
    }

    private static async Task<IReadOnlyList<TransferRow>> RowsAsync(
        EnrollmentDbContext db, SignedInUser user, List<TransferRequest> requests, CancellationToken cancellationToken)
    {
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
        var mayApprove = TransferRoles.MayApprove(user.Role);

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
                CanWithdraw: isPending && (t.RequestedByUserId == user.Id || (user.Role == UserRole.TownshipStaff && Mine(t.ToVillageId))),
                Moved: isPending && decides && fact is not null && fact.VillageId != t.FromVillageId,
                t.RowVersion);
        }

        return [.. requests.Select(Row)];
    }

    private static string NameOf(Dictionary<long, string> users, long? userId) =>
        userId is { } id && users.TryGetValue(id, out var name) ? name : "—";
}
