namespace Enrollment.Web.Features.Refunds;

internal static class RefundServices
{
    public static IServiceCollection AddRefunds(this IServiceCollection services) =>
        services.AddScoped<RefundQueries>().AddScoped<RefundCommands>();
}
