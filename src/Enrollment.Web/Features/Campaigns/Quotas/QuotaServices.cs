namespace Enrollment.Web.Features.Campaigns.Quotas;

internal static class QuotaServices
{
    public static IServiceCollection AddQuotas(this IServiceCollection services) =>
        services.AddScoped<QuotaQueries>().AddScoped<QuotaCommands>();
}
