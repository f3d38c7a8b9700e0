namespace Enrollment.Web.Features.Search;

internal static class SearchServices
{
    public static IServiceCollection AddSearch(this IServiceCollection services) => services.AddScoped<SearchQueries>();
}
