using Enrollment.Data;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enrollment.Web.Features.Campaigns.Roster;

internal static class RosterEndpoints
{
    public static IServiceCollection AddCampaignRoster(this IServiceCollection services)
    {
        services.AddSingleton<RosterJobs>();
        services.AddHostedService<RosterWorker>();
        return services;
    }

    /// <summary>GET /campaigns/{code}/roster: the roster section alone, which htmx polls while a roll-over runs.</summary>
    public static void MapRosterEndpoints(this WebApplication app)
    {
        app.MapGet("/campaigns/{code}/roster", async Task<Results<RazorComponentResult<RosterSection>, NotFound>> (
                string code, EnrollmentDbContext db, RosterJobs jobs, CancellationToken ct) =>
                await RosterQuery.LoadAsync(db, jobs, code, ct) is { } view
                    ? new RazorComponentResult<RosterSection>(new { View = view })
                    : TypedResults.NotFound())
            .RequirePermission(Operation.ManageCampaigns);
    }
}
