using System.CommandLine;
using Enrollment.Cli.Hosting;

namespace Enrollment.Cli.Accounts;

internal static class AccountsCommand
{
    public static Command Create()
    {
        var connection = CliDatabase.ConnectionOption();
        var demo = new Command("demo", "Create one demo account per role (idempotent) and print the logins.") { connection };
        demo.SetAction(async (parse, cancellationToken) =>
        {
            var created = await DemoAccounts.EnsureAsync(CliDatabase.Resolve(parse.GetValue(connection)), cancellationToken);
            Console.WriteLine(created.Count == 0 ? "demo accounts already present" : $"created {created.Count} demo account(s)");
            Console.WriteLine();
            Console.WriteLine($"  demo logins (password for all: {DemoAccounts.Password})");
            foreach (var account in DemoAccounts.All)
            {
                Console.WriteLine($"  {account.Login,-15} {account.DisplayName}");
            }
            return 0;
        });
        return new Command("accounts", "User accounts: demo accounts (more with the user-management page).") { demo };
    }
}
