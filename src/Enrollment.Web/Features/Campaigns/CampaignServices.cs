using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Features.Campaigns.Status;

namespace Enrollment.Web.Features.Campaigns;

internal static class CampaignServices
{
    /// <summary>
    /// The campaign pages' queries and commands (scoped), and the roster roll-over's job list and worker, the background re-quote's queue and worker (one per
    /// app: a job outlives the circuit that started it).
    /// </summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddScoped<CampaignQueries>().AddScoped<PolicyEditor>().AddScoped<NewCampaignCommands>()
            .AddScoped<RolloverQueries>().AddScoped<RolloverCommands>().AddScoped<CampaignStatusCommands>();
        services.AddSingleton<RolloverJobs>();
        services.AddHostedService<RolloverWorker>();
        services.AddSingleton<RequoteQueue>();
        services.AddHostedService<RequoteWorker>();
        return services;
    }
}
