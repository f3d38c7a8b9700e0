namespace Enrollment.Web.Features.Residents;

internal static class ResidentServices
{
    public static IServiceCollection AddResidents(this IServiceCollection services) => services.AddScoped<ResidentQueries>().AddScoped<LifeEventCommands>().AddScoped<ResidentEditCommands>();
}
