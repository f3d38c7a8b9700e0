using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Features.TrialQuote;

namespace Enrollment.Web.Features.Campaigns;

internal static class CampaignEndpoints
{
    /// <summary>The minimal-API endpoints beside the campaign pages: the trial quote's and the quota export.</summary>
    public static WebApplication MapCampaignEndpoints(this WebApplication app)
    {
        app.MapTrialQuoteEndpoints();
        app.MapQuotaExport();
        return app;
    }
}
