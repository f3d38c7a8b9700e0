namespace Enrollment.Web.Features.Households;

internal static class HouseholdServices
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services) =>
        services.AddScoped<HouseholdQueries>().AddScoped<HouseholdCommands>();
}
