using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>What the quota pages read: the table of one page and its change history (county administrator only).</summary>
public sealed class QuotaQueries(UserDbContextFactory contexts, CurrentUser currentUser)
{
    /// <summary>The page's table, or null when the campaign or township is not found in the user's county.</summary>
    public async Task<QuotaTable?> TableAsync(QuotaScope scope, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await QuotaScopes.ResolveAsync(db, scope, cancellationToken) is not { } resolved)
        {
            return null;
        }
        var rows = await QuotaScopes.RowsAsync(db, resolved, cancellationToken);
        return new QuotaTable(resolved.CampaignName, resolved.Township, resolved.IsTownshipCampaign, rows);
    }

    /// <summary>A page of the changes of the page's quotas, or null when the page is not found.</summary>
    public async Task<GridPage<QuotaHistoryEntry>?> HistoryAsync(QuotaScope scope, GridRequest request, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await QuotaScopes.ResolveAsync(db, scope, cancellationToken) is { } resolved
            ? await QuotaHistoryQuery.PageAsync(db, resolved, request, cancellationToken)
            : null;
    }
}
