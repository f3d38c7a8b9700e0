using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>
/// One request as the current user may see it. The requesting side learns the holding township's name only, and
/// the resident's name only once the resident is in their subtree (after approval).
/// </summary>
internal sealed record TransferRow(
    long Id, string MaskedCitizenId, string? ResidentName, long? ResidentLink, string From, string To,
    string? Reason, TransferStatus Status, DateTimeOffset RequestedAt, string? DecisionNote, bool CanDecide);

internal static class TransferList
{
    public static async Task<IReadOnlyList<TransferRow>> LoadAsync(EnrollmentDbContext db, bool mayApprove, CancellationToken cancellationToken = default)
    {
        var requests = await db.TransferRequests.AsNoTracking()
            .OrderByDescending(t => t.Status == TransferStatus.Pending).ThenByDescending(t => t.RequestedAt).ThenByDescending(t => t.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        var residentIds = requests.Select(t => t.ResidentId).Distinct().ToList();
        var inScope = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Name, r.VillageId }).ToDictionaryAsync(r => r.Id, cancellationToken);
        // The requester typed the number: showing it masked reveals nothing new.
        var numbers = await db.Residents.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(r => residentIds.Contains(r.Id)).Select(r => new { r.Id, r.CitizenId }).ToDictionaryAsync(r => r.Id, r => r.CitizenId, cancellationToken);
        var places = await PlacesAsync(db, requests.SelectMany(t => new[] { t.FromVillageId, t.ToVillageId }).Distinct().ToList(), cancellationToken);
        var scope = db.Tenant.JurisdictionPath;

        return [.. requests.Select(t =>
        {
            var visible = inScope.GetValueOrDefault(t.ResidentId);
            var from = places[t.FromVillageId];
            var fromMine = scope is null || from.Path.StartsWith(scope, StringComparison.Ordinal);
            var to = places[t.ToVillageId];
            return new TransferRow(
                t.Id, CitizenIdMask.Mask(numbers.GetValueOrDefault(t.ResidentId, "")), visible?.Name, visible?.Id,
                fromMine ? $"{from.Township} {from.Village}" : from.Township,
                $"{to.Township} {to.Village}",
                t.Reason, t.Status, t.RequestedAt, t.DecisionNote,
                mayApprove && t.Status == TransferStatus.Pending && visible is not null && visible.VillageId == t.FromVillageId);
        })];
    }

    public static string StatusName(TransferStatus status) => status switch
    {
        TransferStatus.Pending => "待审批",
        TransferStatus.Approved => "已批准",
        TransferStatus.Rejected => "已驳回",
    };

    private sealed record Place(string Township, string Village, string Path);

    /// <summary>Village and township names of both ends (widened to the tenant for names only).</summary>
    private static async Task<Dictionary<long, Place>> PlacesAsync(EnrollmentDbContext db, List<long> villageIds, CancellationToken cancellationToken)
    {
        var jurisdictions = db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction]);
        var villages = await jurisdictions.Where(j => villageIds.Contains(j.Id)).Select(j => new { j.Id, j.Name, j.Path }).ToListAsync(cancellationToken);
        var townships = await jurisdictions.Where(j => j.Level == JurisdictionLevel.Township).Select(j => new { j.Name, j.Path }).ToListAsync(cancellationToken);
        return villages.ToDictionary(v => v.Id, v => new Place(
            townships.FirstOrDefault(t => v.Path.StartsWith(t.Path, StringComparison.Ordinal))?.Name ?? "", v.Name, v.Path));
    }
}
