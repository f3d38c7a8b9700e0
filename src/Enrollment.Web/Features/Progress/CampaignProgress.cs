using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Progress;

/// <summary>Paid residents per village: all to date, and those whose payment is dated today.</summary>
internal sealed record VillagePaid(long VillageId, int Paid, int PaidToday);

/// <summary>
/// Progress as docs/rules.md §11.2 defines it: residents with a confirmed, unreversed payment in the campaign
/// (a direct government payment counts). Counted per village through the DbContext, so the user's scope
/// filters apply; callers roll villages up to townships by path.
/// </summary>
internal static class CampaignProgress
{
    public static IQueryable<Payment> ConfirmedPayments(EnrollmentDbContext db, long campaignId)
    {
        // "Not reversed" as NOT IN over the reversal ids: PostgreSQL reads the few reversals off the reversal key's
        // non-null entries (their jurisdiction joins run for those rows only) into a hashed set. The NOT EXISTS it
        // replaces became an anti-join against every payment of the scope, joined a second time through enrollment →
        // resident → village: half of the county home's time at 滕州's scale (docs/performance.md, "Home pages").
        // Not IgnoreQueryFilters on the subquery: EF applies that to the whole query, outer rows included.
        var reversed = db.Payments.Where(r => r.ReversalOfId != null).Select(r => r.ReversalOfId!.Value);
        return db.Payments.Where(p => p.Enrollment!.CampaignId == campaignId
            && p.ConfirmedAt != null
            && p.ReversalOfId == null
            && !reversed.Contains(p.Id));
    }

    public static async Task<Dictionary<long, VillagePaid>> PaidByVillageAsync(
        EnrollmentDbContext db, long campaignId, DateOnly today, CancellationToken cancellationToken = default)
    {
        var rows = await ConfirmedPayments(db, campaignId)
            .GroupBy(p => p.Enrollment!.Resident!.VillageId)
            .Select(g => new VillagePaid(
                g.Key,
                g.Select(p => p.EnrollmentId).Distinct().Count(),
                g.Where(p => p.PaidOn == today).Select(p => p.EnrollmentId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.VillageId);
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
