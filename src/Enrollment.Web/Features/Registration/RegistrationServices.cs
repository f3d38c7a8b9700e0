namespace Enrollment.Web.Features.Registration;

internal static class RegistrationServices
{
    public static IServiceCollection AddRegistration(this IServiceCollection services) => services.AddScoped<RegistrationCommands>();
}
