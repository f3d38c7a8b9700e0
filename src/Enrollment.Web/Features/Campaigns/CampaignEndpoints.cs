using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Features.Campaigns.Roster;

namespace Enrollment.Web.Features.Campaigns;

internal static class CampaignEndpoints
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services) => services.AddCampaignRoster();

    /// <summary>The minimal-API endpoints of campaign configuration and the trial quote (htmx fragments, actions).</summary>
    public static WebApplication MapCampaignEndpoints(this WebApplication app)
    {
        app.MapRosterEndpoints();
        app.MapQuotaExport();
        return app;
    }
}
