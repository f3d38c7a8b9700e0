namespace Enrollment.Web.Features.TrialQuote;

internal static class TrialQuoteServices
{
    public static IServiceCollection AddTrialQuote(this IServiceCollection services) => services.AddScoped<TrialQuoteQueries>();
}
