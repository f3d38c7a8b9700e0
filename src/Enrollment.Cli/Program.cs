using System.CommandLine;
using Enrollment.Cli.Accounts;
using Enrollment.Cli.Generate;
using Enrollment.Cli.Import;
using Enrollment.Cli.Migrate;
using Enrollment.Cli.Quote;
using Enrollment.Cli.Rollover;
using Enrollment.Cli.Seed;

namespace Enrollment.Cli;

/// <summary>
/// Operations and batch work. Each command lives in its own folder and exposes Create(). An explicit class
/// (not top-level statements) so the web tests, which reference this project for the demo seed, do not see
/// two global <c>Program</c> types.
/// </summary>
internal static class CliProgram
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Enrollment: 城乡居民基本医疗保险参保征缴 — operations and batch work")
        {
            MigrateCommand.Create(),
            AccountsCommand.Create(),
            QuoteCommand.Create(),
            GenerateCommand.Create(),
            SeedCommand.Create(),
            RolloverCommand.Create(),
            ApiKeys.ApiKeyCommand.Create(),
            ImportCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
