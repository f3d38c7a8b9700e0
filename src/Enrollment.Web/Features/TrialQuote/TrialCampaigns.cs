using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>A campaign to quote in, as the picker lists it.</summary>
public sealed record TrialCampaign(long Id, string Code, string Name, int PolicyYear, CampaignStatus Status)
{
    public string Label => $"{Name}（{PolicyYear} 年度，{CampaignPolicyQuery.StatusText(Status)}）";
}

/// <summary>
/// The campaigns a user may quote in. A draft is unfinished configuration (amounts not yet confirmed), so only
/// county administrators, who need to try it before opening it, see drafts; for everyone else a draft does not
/// exist here, as if its code were unknown.
/// </summary>
internal static class TrialCampaigns
{
    public static bool SeesDrafts(UserRole role) => role == UserRole.BureauAdmin;

    /// <summary>The tenant's campaigns this user may quote in, newest policy year first.</summary>
    public static Task<List<TrialCampaign>> VisibleAsync(EnrollmentDbContext db, SignedInUser user, CancellationToken ct = default)
    {
        var drafts = SeesDrafts(user.Role);
        return db.Campaigns.AsNoTracking()
            .Where(c => drafts || c.Status != CampaignStatus.Draft)
            .OrderByDescending(c => c.PolicyYear).ThenBy(c => c.Code)
            .Select(c => new TrialCampaign(c.Id, c.Code, c.Name, c.PolicyYear, c.Status))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The campaign <paramref name="code"/> when visible; otherwise the one people work on now, chosen among the
    /// visible ones as the home pages choose it (the latest open one, else the latest of any status).
    /// </summary>
    public static TrialCampaign? Choose(IReadOnlyList<TrialCampaign> visible, string? code) =>
        visible.FirstOrDefault(c => c.Code == code)
        ?? visible.OrderByDescending(c => c.Status == CampaignStatus.Open).ThenByDescending(c => c.PolicyYear).ThenByDescending(c => c.Id).FirstOrDefault();
}
