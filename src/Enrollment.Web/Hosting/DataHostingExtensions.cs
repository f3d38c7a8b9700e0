using Enrollment.Data;

namespace Enrollment.Web.Hosting;

internal static class DataHostingExtensions
{
    /// <summary>
    /// The database. ConnectionStrings:Enrollment (or ENROLLMENT_DB) is the schema owner's, used only to build
    /// the app role's when ConnectionStrings:EnrollmentApp is absent: requests always run as enrollment_app, so
    /// row-level security applies to them. Enrollment:IdHashKey keys the cross-tenant duplicate registry.
    /// </summary>
    public static WebApplicationBuilder AddEnrollmentData(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var owner = configuration.GetConnectionString("Enrollment")
            ?? Environment.GetEnvironmentVariable("ENROLLMENT_DB")
            ?? throw new InvalidOperationException(
                "No database: set ConnectionStrings:Enrollment (or ENROLLMENT_DB), or start the app with deploy/run.sh.");
        builder.Services.AddEnrollmentData(new EnrollmentDataOptions
        {
            OwnerConnectionString = owner,
            AppConnectionString = configuration.GetConnectionString("EnrollmentApp"),
            IdHashKey = configuration["Enrollment:IdHashKey"],
            Retry = configuration.GetSection("Enrollment:Database").Get<Enrollment.Data.Resilience.RetrySettings>() ?? new(),
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<EnrollmentDbContext>("database");
        return builder;
    }
}
