using Enrollment.Web.Components.Grids;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>One change of a quota as shown: when, where, before and after, who (null = the seed), why.</summary>
public sealed record QuotaHistoryEntry(long Id, DateTimeOffset At, string Name, int? Before, int After, string? By, string Reason, bool IsDemo);

internal static class QuotaHistoryQuery
{
    /// <summary>
    /// The changes of the quotas on one page only (the townships, or one township's villages), so each level keeps
    /// its own history instead of one mixed list. Newest first by insertion order unless sorted by time: with the
    /// business date pinned (demo, tests), the time of day keeps moving and wraps at midnight, insertion order does not.
    /// </summary>
    public static async Task<GridPage<QuotaHistoryEntry>> PageAsync(
        EnrollmentDbContext db, ResolvedQuotaScope scope, GridRequest request, CancellationToken cancellationToken)
    {
        var changes = db.QuotaChanges.AsNoTracking().Where(c => c.Quota!.CampaignId == scope.CampaignId);
        changes = scope.Township is { } township
            ? changes.Where(c => c.Quota!.Jurisdiction!.Level == JurisdictionLevel.Village && c.Quota.Jurisdiction.Path.StartsWith(township.Path))
            : changes.Where(c => c.Quota!.Jurisdiction!.Level == JurisdictionLevel.Township);
        var total = await changes.CountAsync(cancellationToken);
        var ordered = (request.SortBy, request.Descending) switch
        {
            (nameof(QuotaHistoryEntry.At), false) => changes.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id),
            (nameof(QuotaHistoryEntry.At), true) => changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id),
            _ => changes.OrderByDescending(c => c.Id),
        };
        var items = await ordered.Skip(request.Skip).Take(request.Size)
            .Select(c => new QuotaHistoryEntry(c.Id, c.ChangedAt, c.Quota!.Jurisdiction!.Name, c.PreviousTarget, c.NewTarget,
                db.UserAccounts.Where(u => u.Id == c.ChangedByUserId).Select(u => u.DisplayName).FirstOrDefault(), c.Reason, c.Quota.IsDemo))
            .ToListAsync(cancellationToken);
        return new GridPage<QuotaHistoryEntry>(items, total);
    }
}
