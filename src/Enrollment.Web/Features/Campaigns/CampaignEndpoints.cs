using Enrollment.Web.Features.TrialQuote;

namespace Enrollment.Web.Features.Campaigns;

internal static class CampaignEndpoints
{
    /// <summary>The minimal-API endpoints of campaign configuration and the trial quote (htmx fragments, actions).</summary>
    public static WebApplication MapCampaignEndpoints(this WebApplication app)
    {
        app.MapTrialQuoteEndpoints();
        return app;
    }
}
