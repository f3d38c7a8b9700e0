using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Imports;

/// <summary>
/// 导入税务缴费明细 as plain HTTP, like the residents import: POST /imports/payments (the file and the chosen campaign)
/// checks it and redirects to its preview; GET /imports/payments/{id}/report.csv streams the verdicts.
/// </summary>
internal static class PaymentImportEndpoints
{
    public static void MapPaymentImportEndpoints(this WebApplication app)
    {
        app.MapUpload<PaymentImportCommands>("/imports/payments", Operation.ImportPayments,
            (commands, stream, name, form, ct) => commands.CheckAsync(stream, name, form["campaign"].ToString(), ct));
        app.MapReport<PaymentImportCommands>("/imports/payments", Operation.ImportPayments,
            (commands, id) => commands.SummaryAsync(id), (commands, id, stream, ct) => commands.WriteReportAsync(id, stream, ct));
    }
}
