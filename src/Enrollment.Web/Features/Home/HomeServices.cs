namespace Enrollment.Web.Features.Home;

internal static class HomeServices
{
    public static IServiceCollection AddHome(this IServiceCollection services) => services.AddScoped<HomeQueries>();
}
