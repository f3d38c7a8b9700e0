namespace Enrollment.Web.Features.Registration;

internal static class RegistrationServices
{
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        // The lookup buckets outlive circuits and requests: one per user for the whole process.
        // Read from Enrollment:IdLookup by the host (AddEnrollmentWeb); the defaults stand where nothing configures it.
        services.AddOptions<IdLookupOptions>();
        services.AddSingleton<IdLookupLimiter>();
        return services.AddScoped<CitizenIdCheck>().AddScoped<RegistrationCommands>();
    }
}
