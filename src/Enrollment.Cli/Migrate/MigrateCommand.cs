using System.CommandLine;
using Enrollment.Cli.Hosting;
using Enrollment.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Enrollment.Cli.Migrate;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("migrate", "Apply pending SQL migrations (run as the schema owner).") { connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var migrator = new SqlMigrator(NullLogger<SqlMigrator>.Instance);
            var applied = await migrator.MigrateAsync(CliDatabase.Resolve(parse.GetValue(connection)), cancellationToken);
            foreach (var migration in applied)
            {
                Console.WriteLine($"applied {migration.Version:D4}_{migration.Name}");
            }
            Console.WriteLine(applied.Count == 0
                ? "database is up to date"
                : $"{applied.Count} migration(s) applied");
            return 0;
        });
        return command;
    }
}
