namespace Enrollment.Web.Features.Payments;

internal static class PaymentServices
{
    public static IServiceCollection AddPayments(this IServiceCollection services) =>
        services.AddScoped<PaymentQueries>().AddScoped<PaymentCommands>();
}
