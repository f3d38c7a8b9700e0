namespace Enrollment.Web.Features.Transfers;

internal static class TransferServices
{
    public static IServiceCollection AddTransfers(this IServiceCollection services) =>
        services.AddScoped<TransferQueries>().AddScoped<TransferCommands>().AddScoped<TransferNotifier>();
}
