using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Quoting;

/// <summary>
/// Unpaid enrollments whose stored quote predates the campaign's current policy version: a large county's re-quote
/// runs in the background after the version is saved, and until it lands these amounts are not current. Pages show
/// them as 重算中, never as if they were the amount due; the background worker finds them again after a restart.
/// </summary>
public static class StaleQuotes
{
    /// <summary>The campaign's unpaid, not cancelled enrollments: the ones a new policy version re-quotes.</summary>
    public static IQueryable<CampaignEnrollment> Unpaid(EnrollmentDbContext db, long campaignId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Enrollments.Where(e => e.CampaignId == campaignId && e.Status != EnrollmentStatus.Cancelled)
            .Where(CampaignEnrollment.IsUnpaid);
    }

    /// <summary>
    /// Of <see cref="Unpaid"/>, those quoted with an older version than <paramref name="currentVersion"/>. One never
    /// quoted (no payment date known yet when it was registered by the old paths) has no amount to mistake for current.
    /// </summary>
    public static IQueryable<CampaignEnrollment> Of(EnrollmentDbContext db, long campaignId, int currentVersion) =>
        Unpaid(db, campaignId).Where(e => e.QuotePolicyVersion != null && e.QuotePolicyVersion < currentVersion);

    /// <summary>The campaign's current policy version (0 when it has none).</summary>
    public static async Task<int> CurrentVersionAsync(EnrollmentDbContext db, long campaignId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.CampaignPolicyVersions.Where(v => v.CampaignId == campaignId).MaxAsync(v => (int?)v.Version, ct) ?? 0;
    }

    /// <summary>Whether a stored quote is not the amount due: unpaid and quoted with an older version than the current one.</summary>
    public static bool IsStale(EnrollmentStatus status, int? quoteVersion, int currentVersion) =>
        status is EnrollmentStatus.Registered or EnrollmentStatus.Unconfirmed && quoteVersion is { } version && version < currentVersion;

    /// <summary>
    /// Brings the campaign's unpaid enrollments up to its current policy version when any of them is stale (the
    /// background re-quote after a large policy change): one transaction, re-quoted as on the save's day would be,
    /// with the version's reason in the summary audit row. Returns the number re-quoted (0 when none was stale or the
    /// campaign is not open).
    /// </summary>
    public static async Task<int> CatchUpAsync(EnrollmentDbContext db, long campaignId, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.Campaigns.AnyAsync(c => c.Id == campaignId && c.Status == CampaignStatus.Open, ct);
        var current = await db.CampaignPolicyVersions.AsNoTracking().Where(v => v.CampaignId == campaignId)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (!open || current is null || !await Of(db, campaignId, current.Version).AnyAsync(ct)
            || PolicyLoader.Load(current.Document).Policy is not { } policy)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await QuoteSnapshotRefresh.ApplyAsync(
            db, campaignId, policy, current.Version, current.Reason is { Length: > 0 } why ? why : "政策新版本", today, now, ct: ct);
        await transaction.CommitAsync(ct);
        return result.Requoted;
    }
}
