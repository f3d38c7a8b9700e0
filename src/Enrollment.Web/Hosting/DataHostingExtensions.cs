using Enrollment.Data;

namespace Enrollment.Web.Hosting;

internal static class DataHostingExtensions
{
    /// <summary>
    /// The database, as the app role only: ConnectionStrings:EnrollmentApp is the enrollment_app role's connection
    /// (row-level security applies to every request). The schema owner's connection never reaches the web process:
    /// migrations are their own step (the CLI's <c>migrate</c>, run before the app starts) and bulk loads run in the
    /// CLI. Enrollment:IdHashKey keys the cross-county duplicate registry.
    /// </summary>
    public static WebApplicationBuilder AddEnrollmentData(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var app = configuration.GetConnectionString("EnrollmentApp")
            ?? throw new InvalidOperationException(
                "No database: set ConnectionStrings:EnrollmentApp to the enrollment_app role's connection string " +
                "(the schema owner's is for the CLI's migrate step only), or start the app with deploy/run.sh.");
        builder.Services.AddEnrollmentData(new EnrollmentDataOptions
        {
            AppConnectionString = app,
            IdHashKey = configuration["Enrollment:IdHashKey"],
            Retry = configuration.GetSection("Enrollment:Database").Get<Enrollment.Data.Resilience.RetrySettings>() ?? new(),
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<EnrollmentDbContext>("database");
        return builder;
    }
}
