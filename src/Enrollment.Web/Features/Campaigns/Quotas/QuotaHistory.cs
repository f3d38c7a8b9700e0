using Enrollment.Data;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>One change of a quota as shown: when, where, before and after, who (null = the seed), why.</summary>
public sealed record QuotaHistoryEntry(DateTimeOffset At, string Name, int? Before, int After, string? By, string Reason, bool IsDemo);

internal static class QuotaHistoryQuery
{
    public const int Shown = 100;

    /// <summary>
    /// The latest changes of the quotas on one page only (the townships, or one township's villages), so each
    /// level keeps its own history instead of one mixed list.
    /// </summary>
    public static Task<List<QuotaHistoryEntry>> LoadAsync(EnrollmentDbContext db, long campaignId, IReadOnlyCollection<long> jurisdictionIds) =>
        db.QuotaChanges.AsNoTracking()
            .Where(c => c.Quota!.CampaignId == campaignId && jurisdictionIds.Contains(c.Quota.JurisdictionId))
            // Insertion order, not changed_at: seeded rows carry the real time, while the app's clock can be pinned
            // to a business date in the past (demo, tests), which would sort new changes below old ones.
            .OrderByDescending(c => c.Id).Take(Shown)
            .Select(c => new QuotaHistoryEntry(c.ChangedAt, c.Quota!.Jurisdiction!.Name, c.PreviousTarget, c.NewTarget,
                db.UserAccounts.Where(u => u.Id == c.ChangedByUserId).Select(u => u.DisplayName).FirstOrDefault(), c.Reason, c.Quota.IsDemo))
            .ToListAsync();
}
