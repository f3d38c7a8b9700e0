using System.CommandLine;
using Enrollment.Cli.Hosting;

namespace Enrollment.Cli.Import;

/// <summary>
/// <c>import payments --tenant T --campaign C --file F [--report R] [--commit]</c>: the tax bureau's payment file
/// (税务缴费明细). Exit 0 when no row is rejected, 1 when some are (listed in the report), 2 when the arguments,
/// settings, campaign, file or database are unusable (nothing stored). The last line of standard output is the counts.
/// </summary>
internal static class PaymentsImportCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant code, e.g. tengzhou.", Required = true };
        var campaign = new Option<string>("--campaign") { Description = "Campaign code, e.g. tengzhou-2025.", Required = true };
        var file = new Option<string>("--file") { Description = "The file: .xlsx, .xls or .csv (UTF-8 or GB18030).", Required = true };
        var report = new Option<string?>("--report") { Description = "Write every row's verdict to this CSV (UTF-8 with BOM)." };
        var commit = new Option<bool>("--commit") { Description = "Store the accepted rows (one transaction). Without it, only check." };
        var date = new Option<string?>("--business-date") { Description = "Business date yyyy-MM-dd (default: Enrollment__BusinessDate, else today)." };
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("payments", "Import the tax bureau's payment file (税务缴费明细) for a campaign.")
        {
            tenant, campaign, file, report, commit, date, connection,
        };
        command.SetAction((parse, ct) => new PaymentsImport(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, TimeProvider.System)
            .RunAsync(new PaymentsImportArguments(
                parse.GetValue(tenant)!, parse.GetValue(campaign)!, parse.GetValue(file)!, parse.GetValue(report), parse.GetValue(commit),
                CliSettings.Get(parse.GetValue(connection), "ConnectionStrings__Enrollment") ?? Environment.GetEnvironmentVariable("ENROLLMENT_DB"),
                parse.GetValue(date)), ct));
        return command;
    }
}
