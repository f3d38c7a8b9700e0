using System.Security.Claims;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>
/// The campaigns a user may quote in. A draft is unfinished configuration (amounts not yet confirmed), so only
/// county administrators, who need to try it before opening it, see drafts; for everyone else a draft does not
/// exist here, as if its code were unknown.
/// </summary>
internal static class TrialCampaigns
{
    public static bool SeesDrafts(ClaimsPrincipal user) => user.RoleOf() == UserRole.BureauAdmin;

    /// <summary>The tenant's campaigns this user may quote in, newest policy year first.</summary>
    public static Task<List<Campaign>> VisibleAsync(EnrollmentDbContext db, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var drafts = SeesDrafts(user);
        return db.Campaigns.AsNoTracking()
            .Where(c => drafts || c.Status != CampaignStatus.Draft)
            .OrderByDescending(c => c.PolicyYear).ThenBy(c => c.Code)
            .ToListAsync(ct);
    }

    /// <summary>
    /// The campaign <paramref name="code"/> when visible; otherwise the one people work on now, chosen among the
    /// visible ones as the home pages choose it (the latest open one, else the latest of any status).
    /// </summary>
    public static Campaign? Choose(IReadOnlyList<Campaign> visible, string? code) =>
        visible.FirstOrDefault(c => c.Code == code)
        ?? visible.OrderByDescending(c => c.Status == CampaignStatus.Open).ThenByDescending(c => c.PolicyYear).ThenByDescending(c => c.Id).FirstOrDefault();
}
