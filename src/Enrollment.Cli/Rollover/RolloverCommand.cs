using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Enrollment.Cli.Hosting;
using Enrollment.Data;
using Enrollment.Data.Rollover;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Cli.Rollover;

/// <summary>
/// <c>rollover --tenant tengzhou --from tengzhou-2025 --to tengzhou-2026</c>: next year's roster from this year's
/// (EnrollmentRollover). Runs as the app role, like the web app, so row-level security guards it too.
/// </summary>
internal static class RolloverCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant code, e.g. tengzhou.", Required = true };
        var from = new Option<string>("--from") { Description = "This year's campaign code, e.g. tengzhou-2025.", Required = true };
        var to = new Option<string>("--to") { Description = "Next year's campaign code (draft or open), e.g. tengzhou-2026.", Required = true };
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("rollover", "Enrol every active resident in next year's campaign with the history derived from earlier years (idempotent).")
        {
            tenant, from, to, connection,
        };
        command.SetAction((parse, ct) => RunAsync(
            CliDatabase.Resolve(parse.GetValue(connection)), parse.GetValue(tenant)!, parse.GetValue(from)!, parse.GetValue(to)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    /// <summary>0 rolled over; 1 refused (the reason in Chinese); 2 tenant or campaign unknown.</summary>
    public static async Task<int> RunAsync(
        string ownerConnectionString, string tenantCode, string fromCode, string toCode, TextWriter output, TextWriter error, CancellationToken ct)
    {
        // The app role, as the web app derives it (or ConnectionStrings__EnrollmentApp where it has a password).
        var appConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EnrollmentApp")
            ?? EnrollmentDataOptions.DeriveAppConnectionString(ownerConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(appConnectionString);
        var options = DataServiceCollectionExtensions.CreateOptions(dataSource);

        int tenantId;
        await using (var system = new EnrollmentDbContext(options, new TenantContext()))
        {
            var found = await system.Tenants.Where(t => t.Code == tenantCode).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                await error.WriteLineAsync($"no tenant {tenantCode}");
                return 2;
            }
            tenantId = found.Value;
        }

        await using var db = new EnrollmentDbContext(options, TenantContext.For(tenantId, "cli:rollover"));
        var ids = await db.Campaigns.Where(c => c.Code == fromCode || c.Code == toCode).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        foreach (var code in new[] { fromCode, toCode }.Where(c => !ids.ContainsKey(c)))
        {
            await error.WriteLineAsync($"tenant {tenantCode} has no campaign {code}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var result = await EnrollmentRollover.RollOverAsync(db, ids[fromCode], ids[toCode], userId: null, DateTimeOffset.UtcNow, ct);
        if (result.Error is { } refusal)
        {
            await error.WriteLineAsync(refusal);
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"rolled over {result.FromCampaign} -> {result.ToCampaign} in {clock.Elapsed.TotalSeconds:F1} s"));
        foreach (var (label, count) in Lines(result))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label,-20}{count,12:N0}"));
        }
        return 0;
    }

    private static IEnumerable<(string Label, long Count)> Lines(RolloverResult result) =>
    [
        ("created", result.Created),
        ("  continuing", result.Continuing),
        ("  interrupted", result.Interrupted),
        ("  first_time", result.FirstTime),
        ("already enrolled", result.AlreadyEnrolled),
        ("skipped deceased", result.SkippedDeceased),
        ("skipped moved out", result.SkippedMovedOut),
        ("skipped cancelled", result.SkippedCancelled),
        ("skipped excluded", result.SkippedExcluded),
    ];
}
