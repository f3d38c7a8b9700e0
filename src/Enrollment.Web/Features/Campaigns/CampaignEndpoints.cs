using Enrollment.Web.Features.Campaigns.Quotas;

namespace Enrollment.Web.Features.Campaigns;

internal static class CampaignEndpoints
{
    /// <summary>The minimal-API endpoints beside the campaign pages: the quota export.</summary>
    public static WebApplication MapCampaignEndpoints(this WebApplication app)
    {
        app.MapQuotaExport();
        return app;
    }
}
