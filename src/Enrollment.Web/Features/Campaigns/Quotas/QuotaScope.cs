using Enrollment.Data;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>
/// Which quota page: a campaign's own (<paramref name="TownshipId"/> null: a county campaign's townships, or a
/// township campaign's villages), or one township's villages in a county campaign.
/// </summary>
public sealed record QuotaScope(string Code, long? TownshipId = null);

/// <summary>
/// A quota page's table: the campaign, the township whose villages it lists (null: the county's townships), whether
/// that township runs the campaign itself (鲍沟 2022, 小雪 2020), and the rows in official order.
/// </summary>
public sealed record QuotaTable(string CampaignName, TownshipQuota? Township, bool IsTownshipCampaign, IReadOnlyList<QuotaRow> Rows);

/// <summary>A <see cref="QuotaScope"/> found in the user's county and subtree.</summary>
internal sealed record ResolvedQuotaScope(long CampaignId, string CampaignName, TownshipQuota? Township, bool IsTownshipCampaign);

internal static class QuotaScopes
{
    /// <summary>
    /// The campaign and township of a quota page, or null — unknown, another county's (the query filters), not a
    /// township, or a township page asked of a township's own campaign (its villages are on the campaign's page).
    /// </summary>
    public static async Task<ResolvedQuotaScope?> ResolveAsync(EnrollmentDbContext db, QuotaScope scope, CancellationToken cancellationToken)
    {
        if (!CampaignCodes.IsWellFormed(scope.Code))
        {
            return null;
        }
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Code == scope.Code)
            .Select(c => new { c.Id, c.Name, c.JurisdictionId }).SingleOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        if (scope.TownshipId is null && campaign.JurisdictionId is null)
        {
            return new ResolvedQuotaScope(campaign.Id, campaign.Name, null, false);
        }
        if (scope.TownshipId is not null && campaign.JurisdictionId is not null)
        {
            return null;
        }
        var townshipId = scope.TownshipId ?? campaign.JurisdictionId!.Value;
        return await QuotaRowsQuery.TownshipAsync(db, campaign.Id, townshipId, cancellationToken) is { } township
            ? new ResolvedQuotaScope(campaign.Id, campaign.Name, township, campaign.JurisdictionId is not null)
            : null;
    }

    public static Task<List<QuotaRow>> RowsAsync(EnrollmentDbContext db, ResolvedQuotaScope scope, CancellationToken cancellationToken) =>
        scope.Township is { } township
            ? QuotaRowsQuery.VillagesAsync(db, scope.CampaignId, township, cancellationToken)
            : QuotaRowsQuery.TownshipsAsync(db, scope.CampaignId, cancellationToken);
}
