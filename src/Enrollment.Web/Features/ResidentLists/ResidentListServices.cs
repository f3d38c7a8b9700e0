namespace Enrollment.Web.Features.ResidentLists;

internal static class ResidentListServices
{
    public static IServiceCollection AddResidentLists(this IServiceCollection services) => services.AddScoped<RosterQueries>();
}
