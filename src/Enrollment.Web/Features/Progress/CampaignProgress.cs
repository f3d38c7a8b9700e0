using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Progress;

/// <summary>Paid residents per village: all to date, and those whose payment is dated today.</summary>
internal sealed record VillagePaid(long VillageId, int Paid, int PaidToday);

/// <summary>
/// Progress as docs/rules.md §11.2 defines it: residents whose enrollment in the campaign is paid
/// (<see cref="CampaignEnrollment.IsPaid"/>: a confirmed, unreversed payment or a government payment). Per village
/// from the rolled-up progress deltas through the DbContext, so the user's scope filters apply; callers roll villages
/// up to townships by path.
/// </summary>
internal static class CampaignProgress
{
    /// <summary>The campaign's paid enrollments, by the one definition.</summary>
    public static IQueryable<CampaignEnrollment> PaidEnrollments(EnrollmentDbContext db, long campaignId) =>
        db.Enrollments.Where(e => e.CampaignId == campaignId).Where(CampaignEnrollment.IsPaid);

    /// <summary>Sums the campaign's progress deltas per village (a few rows per village and payment day).</summary>
    public static async Task<Dictionary<long, VillagePaid>> PaidByVillageAsync(
        EnrollmentDbContext db, long campaignId, DateOnly today, CancellationToken cancellationToken = default)
    {
        var rows = await db.ProgressDeltas.AsNoTracking()
            .Where(d => d.CampaignId == campaignId)
            .GroupBy(d => d.VillageId)
            .Select(g => new VillagePaid(g.Key, g.Sum(d => d.Paid), g.Sum(d => d.PaidOn == today ? d.Paid : 0)))
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Paid != 0 || r.PaidToday != 0).ToDictionary(r => r.VillageId);
    }

    /// <summary>The campaign people work on now: the latest open one, else the latest of any status.</summary>
    public static Task<Campaign?> CurrentAsync(EnrollmentDbContext db, CancellationToken cancellationToken = default) =>
        db.Campaigns
            .OrderByDescending(c => c.Status == CampaignStatus.Open)
            .ThenByDescending(c => c.PolicyYear)
            .ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The id at <paramref name="depth"/> in a materialized path such as <c>/1/5/23/</c> (depth 0 = county).</summary>
    public static long? AncestorAt(string path, int depth)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return depth < parts.Length && long.TryParse(parts[depth], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    public static string Rate(int paid, int? quota) =>
        quota is > 0 ? (paid * 100m / quota.Value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
