using System.CommandLine;
using Enrollment.Cli.Generate;
using Enrollment.Cli.Hosting;

namespace Enrollment.Cli.Seed;

internal static class SeedCommand
{
    public static Command Create()
    {
        var connection = CliDatabase.ConnectionOption();
        var idHashKey = RegistryKey.CreateOption();
        var demo = new Option<bool>("--demo") { Description = "Load the demo tenants, campaigns, quotas and population (idempotent)." };
        var command = new Command("seed", "Load demo data as the schema owner; running it again changes nothing.") { demo, idHashKey, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(demo))
            {
                Console.Error.WriteLine("nothing to do: pass --demo");
                return 2;
            }

            // The demo's residents are bulk-loaded, so the seed registers them itself (不得重复参保): it needs the key.
            if (!RegistryKey.TryResolve(parse.GetValue(idHashKey), out var hasher, out var keyError))
            {
                Console.Error.WriteLine(keyError);
                return 3;
            }

            var results = await DemoSeeder.SeedAsync(CliDatabase.Resolve(parse.GetValue(connection)), hasher, cancellationToken);
            foreach (var result in results)
            {
                Console.WriteLine(result.PopulationLoaded
                    ? $"{result.TenantCode}: loaded " + string.Join(", ", result.Rows.Select(r => $"{r.Key} {r.Value:N0}"))
                    : $"{result.TenantCode}: already present, unchanged");
            }

            Console.WriteLine("demo business date: " + DemoCampaigns.BusinessDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }
}
