using System.Diagnostics;
using System.Globalization;
using System.Net;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.ResidentLists;
using Enrollment.Web.Features.Search;
using Enrollment.Web.Tests.Home;
using Npgsql;
using Xunit.Abstractions;

namespace Enrollment.Web.Tests.Search;

/// <summary>
/// Search, lists and the township export on the full generated 滕州 (docs/performance.md, "Finding people"). Each
/// search runs through the handler as a page calls it (permission, both tenancy walls, every SQL command), timed
/// in the server process: a few warm-up calls, then <see cref="Runs"/> timed ones, p50 and p95. The SQL of one
/// call is printed with EF's timing of each command, for EXPLAIN. Uses the measure-… accounts of
/// <see cref="HomeScaleMeasurement"/> (same variable).
/// </summary>
public sealed class SearchScaleMeasurement(ITestOutputHelper output)
{
    private const int Runs = 40;

    [ScaleTheory(HomeScaleMeasurement.DatabaseVariable)]
    [InlineData("county")]
    [InlineData("township")]
    [InlineData("village")]
    public async Task Search_on_the_generated_county(string who)
    {
        var owner = Owner();
        var login = await HomeScaleMeasurement.EnsureAccountAsync(owner, who);
        await HomeScaleMeasurement.EnsureAccountAsync(owner, "village");
        var sample = await SampleAsync(owner);
        await using var app = new GeneratedCountyApp(owner);
        await using var session = await app.SessionAsync(login);
        var search = session.Get<SearchQueries>();
        var first = new GridRequest(0, 25);

        await TimeAsync(app, $"{who} id", () => search.SearchAsync(sample.CitizenId, new(), first));
        await TimeAsync(app, $"{who} 15-digit id", () => search.SearchAsync(sample.LegacyId, new(), first));
        await TimeAsync(app, $"{who} name 王 (10 % of the county)", () => search.SearchAsync("王", new(), first));
        await TimeAsync(app, $"{who} name 王 page 20", () => search.SearchAsync("王", new(), new GridRequest(19, 25)));
        await TimeAsync(app, $"{who} name prefix {sample.NamePrefix}", () => search.SearchAsync(sample.NamePrefix, new(), first));
        // A standing filter on a whole county's surname is the slow case (anti-joins over the campaign): timed a few times only.
        await TimeAsync(app, $"{who} name 王, not enrolled", () => search.SearchAsync("王", new(Standing: CampaignStanding.NotEnrolled), first), runs: 3);
        await TimeAsync(app, $"{who} household number", () => search.SearchAsync(sample.Household, new(), first));
        await TimeAsync(app, $"{who} phone", () => search.SearchAsync(sample.Phone, new(), first));
    }

    [ScaleFact(HomeScaleMeasurement.DatabaseVariable)]
    public async Task Lists_and_the_township_export_on_the_generated_county()
    {
        var owner = Owner();
        var login = await HomeScaleMeasurement.EnsureAccountAsync(owner, "township");
        await HomeScaleMeasurement.EnsureAccountAsync(owner, "village");
        var sample = await SampleAsync(owner);
        await using var app = new GeneratedCountyApp(owner);
        await using (var session = await app.SessionAsync(login))
        {
            var lists = session.Get<RosterQueries>();
            await TimeAsync(app, "village list, page 1 of 50", () => lists.PageAsync(RosterLevel.Village, sample.Village, new GridRequest(0, 50)));
            await TimeAsync(app, "township list, page 1 of 50", () => lists.PageAsync(RosterLevel.Township, sample.Township, new GridRequest(0, 50)));
            await TimeAsync(app, "township list, page 1,000 of 50", () => lists.PageAsync(RosterLevel.Township, sample.Township, new GridRequest(999, 50)));
        }

        var client = AccountsWorld.NewClient(app);
        (await AccountsWorld.SignInAsync(client, login, HomeScaleMeasurement.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var (label, url) in new[] { ("village export", $"/rosters/villages/{sample.Village}/residents.xlsx"), ("township export", $"/rosters/townships/{sample.Township}/residents.xlsx") })
        {
            for (var run = 0; run < 3; run++)
            {
                var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                var firstByte = watch.Elapsed.TotalMilliseconds;
                var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
                watch.Stop();
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var process = Process.GetCurrentProcess();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label} run {run + 1}: headers {firstByte:0} ms, whole file {watch.Elapsed.TotalSeconds:0.00} s, {bytes / 1024.0 / 1024.0:0.0} MB (load {load}; test process peak working set {process.PeakWorkingSet64 / 1024 / 1024} MB)"));
            }
        }
    }

    private static string Owner() => new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString)
    {
        Database = Environment.GetEnvironmentVariable(HomeScaleMeasurement.DatabaseVariable)!,
    }.ConnectionString;

    private async Task TimeAsync<T>(GeneratedCountyApp app, string label, Func<Task<T>> call, int runs = Runs)
    {
        for (var i = 0; i < Math.Min(3, runs); i++)
        {
            await call();
        }
        app.Commands.Clear();
        await call();
        var sql = app.Commands.ToList();
        List<double> times = [];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: p50 {times[runs / 2]:0.0} ms, p95 {times[Math.Max(0, (int)Math.Ceiling(runs * 0.95) - 1)]:0.0} ms, max {times[^1]:0.0} ms, {runs} runs (load {load})"));
        foreach (var command in sql)
        {
            output.WriteLine($"  -- {command.Milliseconds} ms\n  {command.Sql.Replace("\n", "\n  ", StringComparison.Ordinal)}");
        }
    }

    private sealed record Sample(string CitizenId, string LegacyId, string NamePrefix, string Household, string Phone, long Village, long Township);

    /// <summary>A resident of the biggest village of the biggest township (the accounts' places), with a phone and a household.</summary>
    private static async Task<Sample> SampleAsync(string owner)
    {
        await using var dataSource = NpgsqlDataSource.Create(owner);
        await using var command = dataSource.CreateCommand("""
            SELECT r.citizen_id, left(r.name, 2), h.household_number, r.phone, u.jurisdiction_id, v.parent_id
            FROM user_accounts u
            JOIN residents r ON r.tenant_id = u.tenant_id AND r.village_id = u.jurisdiction_id
            JOIN households h ON h.tenant_id = r.tenant_id AND h.id = r.household_id
            JOIN jurisdictions v ON v.tenant_id = u.tenant_id AND v.id = u.jurisdiction_id
            WHERE u.login = 'measure-village' AND r.phone IS NOT NULL AND substr(r.citizen_id, 7, 2) = '19'
            ORDER BY r.id LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue("run the village measurement's account set-up first");
        var id = reader.GetString(0);
        // The same person's 15-digit number: region, two-digit year, the rest without the check character.
        var legacy = string.Concat(id.AsSpan(0, 6), id.AsSpan(8, 9));
        return new Sample(id, legacy, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5));
    }
}
