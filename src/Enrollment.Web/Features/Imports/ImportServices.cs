namespace Enrollment.Web.Features.Imports;

internal static class ImportServices
{
    public static IServiceCollection AddImports(this IServiceCollection services) =>
        // The checked files outlive requests and circuits (upload by HTTP, preview in a circuit): one store per process.
        services.AddSingleton<ImportSessions>().AddScoped<ResidentImportCommands>().AddScoped<PaymentImportCommands>();
}
