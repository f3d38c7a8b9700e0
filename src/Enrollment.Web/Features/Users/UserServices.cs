namespace Enrollment.Web.Features.Users;

internal static class UserServices
{
    public static IServiceCollection AddUsers(this IServiceCollection services) =>
        services.AddScoped<AccountManagers>().AddScoped<UserQueries>().AddScoped<UserCommands>().AddScoped<TenantCommands>();
}
