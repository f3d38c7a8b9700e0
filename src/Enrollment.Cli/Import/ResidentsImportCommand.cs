using System.CommandLine;
using Enrollment.Cli.Generate;
using Enrollment.Cli.Hosting;

namespace Enrollment.Cli.Import;

/// <summary>
/// <c>import residents --tenant T --file F [--report R] [--commit]</c>: the population from the household register.
/// Exit 0 when no row is rejected, 1 when some are (listed in the report), 2 when the arguments, settings, file or
/// database are unusable (nothing stored). The last line of standard output is the counts.
/// </summary>
internal static class ResidentsImportCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant code, e.g. tengzhou.", Required = true };
        var file = new Option<string>("--file") { Description = "The file: .xlsx, .xls or .csv (UTF-8 or GB18030).", Required = true };
        var report = new Option<string?>("--report") { Description = "Write every row's verdict to this CSV (UTF-8 with BOM)." };
        var commit = new Option<bool>("--commit") { Description = "Store the accepted rows (one transaction). Without it, only check." };
        var bulk = new Option<bool?>("--bulk")
        {
            Description = "First load into a county with no residents: as the schema owner, keys rebuilt afterwards " +
                          "(default: chosen when the county has no residents; --bulk false forces the app role).",
        };
        var date = new Option<string?>("--business-date") { Description = "Business date yyyy-MM-dd (default: Enrollment__BusinessDate, else today)." };
        var idHashKey = RegistryKey.CreateOption();
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("residents", "Import residents (户籍人口) from the household register.")
        {
            tenant, file, report, commit, bulk, date, idHashKey, connection,
        };
        command.SetAction((parse, ct) => new ResidentsImport(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, TimeProvider.System)
            .RunAsync(new ResidentsImportArguments(
                parse.GetValue(tenant)!, parse.GetValue(file)!, parse.GetValue(report), parse.GetValue(commit), parse.GetValue(bulk),
                CliSettings.Get(parse.GetValue(connection), "ConnectionStrings__Enrollment") ?? Environment.GetEnvironmentVariable("ENROLLMENT_DB"),
                CliSettings.Get(parse.GetValue(idHashKey), RegistryKey.EnvironmentVariable),
                parse.GetValue(date)), ct));
        return command;
    }
}
