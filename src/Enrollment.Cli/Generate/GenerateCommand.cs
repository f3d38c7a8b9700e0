using System.CommandLine;
using System.Globalization;
using Enrollment.Cli.Hosting;
using Enrollment.Cli.Seed;
using Enrollment.Domain.Policies;
using Npgsql;

namespace Enrollment.Cli.Generate;

internal static class GenerateCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant code: tengzhou, pubei or qufu.", Required = true };
        var residents = new Option<int>("--residents") { Description = "Number of residents.", DefaultValueFactory = _ => 10_000 };
        var paidFraction = new Option<double>("--paid-fraction") { Description = "Share of enrolled residents who paid.", DefaultValueFactory = _ => 0.95 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives the same county.", DefaultValueFactory = _ => 1 };
        var campaign = new Option<string?>("--campaign") { Description = "Campaign paid into (default: the tenant's latest)." };
        var safe = new Option<bool>("--keep-keys") { Description = "Keep foreign keys and indexes during the load (slower; for a database in use)." };
        var priorPayments = new Option<bool>("--prior-payments") { Description = "Also write last year's payments (prior enrollments are always written)." };
        var idHashKey = RegistryKey.CreateOption();
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("generate", "Generate a synthetic county and bulk-load it (binary COPY, as the schema owner).")
        {
            tenant, residents, paidFraction, seed, campaign, safe, priorPayments, idHashKey, connection,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Before anything is written: a load the registry cannot follow would leave residents unseen by the duplicate check.
            if (!RegistryKey.TryResolve(parse.GetValue(idHashKey), out var hasher, out var keyError))
            {
                Console.Error.WriteLine(keyError);
                return 3;
            }

            var connectionString = CliDatabase.Resolve(parse.GetValue(connection));
            var tenantCode = parse.GetValue(tenant)!;
            var campaignCode = parse.GetValue(campaign) ?? PopulationSettings.CurrentCampaignOf(tenantCode);
            var settings = new PopulationSettings(tenantCode, parse.GetValue(residents), parse.GetValue(paidFraction), parse.GetValue(seed), campaignCode);
            var layout = CountyLayout.For(tenantCode);
            TenantIds ids;
            await using (var db = new NpgsqlConnection(connectionString))
            {
                await db.OpenAsync(ct);
                ids = await TenantSkeleton.EnsureAsync(db, layout, settings.Residents, ct);
                if (await Sql.ScalarAsync(db, "SELECT EXISTS (SELECT 1 FROM residents WHERE tenant_id = $1)", ct, ids.TenantId) is true)
                {
                    Console.Error.WriteLine($"tenant {tenantCode} already has residents: generate into a fresh database");
                    return 1;
                }
            }

            if (!ids.CampaignIds.ContainsKey(campaignCode))
            {
                Console.Error.WriteLine($"tenant {tenantCode} has no campaign {campaignCode}");
                return 2;
            }

            var prior = ids.CampaignIds.ContainsKey(PriorYearPolicy.CodeFor(campaignCode)) ? PriorYearPolicy.Compile(campaignCode) : null;
            var generator = new PopulationGenerator(layout, PolicyCatalog.Compile(campaignCode), settings, prior);
            var report = await PopulationLoader.LoadAsync(connectionString, generator, ids, campaignCode, fast: !parse.GetValue(safe), ct, parse.GetValue(priorPayments));
            var registry = await RegistryKey.ReconcileAsync(connectionString, hasher, ids.TenantId, offline: !parse.GetValue(safe), ct);
            var total = report.Elapsed + registry.Elapsed;
            foreach (var (phase, at) in report.Phases)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase} done at {at.TotalSeconds:F1} s"));
            }

            foreach (var (table, count) in report.Rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table,-16}{count,12:N0}"));
            }

            await using (var db = new NpgsqlConnection(connectionString))
            {
                await db.OpenAsync(ct);
                var size = (long)(await Sql.ScalarAsync(db, "SELECT pg_database_size(current_database())", ct))!;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database size   {size / 1024.0 / 1024.0,12:N0} MB"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"duplicate registry: {registry.Result.Added:N0} hashes added, {registry.Result.Removed:N0} removed in {registry.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loaded in {report.Elapsed.TotalSeconds:F1} s, with the registry {total.TotalSeconds:F1} s"));
            return 0;
        });
        return command;
    }
}
