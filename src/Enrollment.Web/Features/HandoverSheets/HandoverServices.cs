namespace Enrollment.Web.Features.HandoverSheets;

internal static class HandoverServices
{
    public static IServiceCollection AddHandoverSheets(this IServiceCollection services) =>
        services.AddScoped<HandoverQueries>().AddScoped<HandoverCommands>();
}
