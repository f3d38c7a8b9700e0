using System.Diagnostics;
using System.Globalization;
using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Enrollment.Domain.Policies;
using Enrollment.Testing;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// The impact preview (and the save that re-quotes the unpaid) on tengzhou-2025 with the 60–69 share raised
/// from 0.5 to 0.6, timed, with the managed heap sampled for its peak. The save changes the database: run it
/// on a copy (<c>CREATE DATABASE … TEMPLATE</c>).
/// </summary>
public sealed class ImpactScaleMeasurement(ITestOutputHelper output)
{
    public const string DatabaseVariable = "ENROLLMENT_IMPACT_DB";
    private static readonly DateOnly Today = new(2024, 11, 20);

    [ScaleFact(DatabaseVariable)]
    public async Task Preview_on_the_generated_county()
    {
        await using var scope = await OpenAsync();
        var (current, proposed) = await ProposalAsync(scope.Db);

        for (var run = 1; run <= 3; run++)
        {
            var (summary, elapsed, peak, allocated) = await MeasureAsync(() =>
                ImpactPreview.ComputeAsync(scope.Db, current.Campaign.Id, current.Loaded.Policy!, proposed.Policy!, Today));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"preview run {run}: {elapsed}, peak managed heap {peak / 1048576} MB, allocated {allocated / 1048576} MB, process peak working set {Environment.WorkingSet / 1048576}/{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB; {summary}"));
        }
    }

    [ScaleFact(DatabaseVariable)]
    public async Task Baseline_preview_on_the_generated_county()
    {
        await using var scope = await OpenAsync();
        var (current, proposed) = await ProposalAsync(scope.Db);

        for (var run = 1; run <= 2; run++)
        {
            var (summary, elapsed, peak, allocated) = await MeasureAsync(() =>
                ImpactPreviewBaseline.ComputeAsync(scope.Db, current.Campaign.Id, current.Loaded.Policy!, proposed.Policy!, Today));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"baseline run {run}: {elapsed}, peak managed heap {peak / 1048576} MB, allocated {allocated / 1048576} MB; {summary}"));
        }
    }

    [ScaleFact(DatabaseVariable)]
    public async Task Save_on_the_generated_county()
    {
        await using var scope = await OpenAsync();
        var (current, proposed) = await ProposalAsync(scope.Db);

        var (saved, elapsed, peak, allocated) = await MeasureAsync(() =>
            PolicyEditHandler.SaveAsync(scope.Db, current, proposed, "测量：60—69岁资助比例调整", null, new DateTimeOffset(Today.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero), Today,
                inlineRequoteLimit: int.MaxValue));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"save: {saved}, {elapsed}, peak managed heap {peak / 1048576} MB, allocated {allocated / 1048576} MB"));
    }

    private static async Task<DbScope> OpenAsync()
    {
        var database = Environment.GetEnvironmentVariable(DatabaseVariable)!;
        var owner = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = database }.ConnectionString;
        int tenantId;
        await using (var connection = new NpgsqlConnection(owner))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id FROM tenants WHERE code = 'tengzhou'", connection);
            tenantId = (int)(await command.ExecuteScalarAsync())!;
        }
        // The app role, so row-level security applies as in a request.
        var dataSource = new NpgsqlDataSourceBuilder(EnrollmentDataOptions.DeriveAppConnectionString(owner)).Build();
        var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource),
            TenantContext.For(tenantId, "measure"), CitizenIdHasher.FromBase64(TestKeys.IdHashKey));
        return new DbScope(db, dataSource);
    }

    private static async Task<(CampaignPolicy Current, PolicyProposal Proposed)> ProposalAsync(EnrollmentDbContext db)
    {
        var current = (await CampaignPolicyQuery.LoadAsync(db, "tengzhou-2025"))!;
        PolicyJson.TryDeserialize(current.Version.Document, out var document, out _);
        document!.Subsidies!.Single(s => s.Basis == "age_60_69").Share = 0.6m;
        document.Version = current.Version.Version + 1;
        PolicyCompiler.TryCompile(document, out var policy, out var result);
        var proposal = new PolicyProposal(document, PolicyJson.Serialize(document), policy, result.Problems, "measure");
        proposal.HasErrors.ShouldBeFalse();
        return (current, proposal);
    }

    private static async Task<(T Result, string Elapsed, long PeakHeap, long Allocated)> MeasureAsync<T>(Func<Task<T>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long peak = GC.GetTotalMemory(false);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(10).ConfigureAwait(false);
            }
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var watch = Stopwatch.StartNew();
        var result = await work();
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        await stop.CancelAsync();
        await sampler;
        // Wall time stretches with the other builds sharing the 2 cores; the client's CPU time and the load say how much.
        var elapsed = string.Create(CultureInfo.InvariantCulture,
            $"{watch.Elapsed.TotalSeconds:0.00} s (client CPU {cpu.TotalSeconds:0.00} s, load {load} → {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        return (result, elapsed, peak, allocated);
    }

    private sealed class DbScope(EnrollmentDbContext db, NpgsqlDataSource dataSource) : IAsyncDisposable
    {
        public EnrollmentDbContext Db { get; } = db;

        public async ValueTask DisposeAsync()
        {
            await Db.DisposeAsync();
            await dataSource.DisposeAsync();
        }
    }
}
