using System.Diagnostics;
using System.Globalization;
using Enrollment.Cli.Generate;
using Enrollment.Cli.Hosting;
using Enrollment.Data;
using Enrollment.Data.Bulk;
using Enrollment.Data.Imports;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Cli.Import;

internal sealed record ResidentsImportArguments(
    string Tenant, string File, string? Report, bool Commit, bool? Bulk, string? ConnectionString, string? IdHashKey, string? BusinessDate);

/// <summary>
/// Runs a residents import: the check as the app role (county-wide, as a county administrator sees it), the report,
/// and with --commit the store — as the app role with row-level security, or for a county with no residents yet
/// as the schema owner with the population tables' keys detached and rebuilt afterwards (BulkLoadScope).
/// </summary>
internal sealed class ResidentsImport(TextWriter output, TextWriter error, TimeProvider clock)
{
    /// <summary>The tables a first load fills; their keys are rebuilt by sort afterwards.</summary>
    private static readonly string[] BulkTables = ["households", "residents"];

    public Task<int> RunAsync(ResidentsImportArguments args, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        return ImportTarget.RunAsync(output, error, "数据库不可用，未导入任何人员", () => RunCoreAsync(args, ct));
    }

    private async Task<(int Code, ImportCounts Counts)> RunCoreAsync(ResidentsImportArguments args, CancellationToken ct)
    {
        if (!RegistryKey.TryResolve(args.IdHashKey, null, out var hasher, out var keyError))
        {
            return await FailAsync(keyError);
        }
        var (target, problem) = await ImportTarget.OpenAsync(args.ConnectionString, args.Tenant, args.File, args.BusinessDate, clock, ct);
        if (target is null)
        {
            return await FailAsync(problem!);
        }
        await using var opened = target;
        var (options, tenantId, today) = (target.Options, target.TenantId, target.Today);

        var timer = Stopwatch.StartNew();
        ResidentImportPreview preview;
        bool empty;
        await using (var db = target.Context())
        await using (var file = ImportTarget.Read(args.File))
        {
            preview = await ResidentImportCheck.CheckAsync(db, hasher, file, new ResidentImportOptions(today, NameTownships: true), ct);
            empty = !await db.Residents.AnyAsync(ct);
        }
        if (preview.Refusal is { } refusal)
        {
            return await FailAsync(refusal);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"checked {preview.Counts.Rows:N0} rows in {timer.Elapsed.TotalSeconds:F1} s"));
        if (preview.Notice is { } notice)
        {
            await output.WriteLineAsync(notice);
        }
        await ImportTarget.WriteReportAsync(args.Report, preview, preview.Results, ct);

        if (args.Commit && preview.ToStore.Count > 0)
        {
            var bulk = args.Bulk ?? empty;
            var outcome = bulk
                ? await CommitBulkAsync(args.ConnectionString!, tenantId, preview, args.File, today, ct)
                : await StoreAsync(options, tenantId, preview, args.File, today, ct);
            if (outcome.Error is { } failed)
            {
                await error.WriteLineAsync(failed);
                return (2, preview.Counts);
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"stored {outcome.Residents:N0} residents, {outcome.Households:N0} new households{(bulk ? " (bulk load)" : "")} in {timer.Elapsed.TotalSeconds:F1} s"));
        }
        else if (!args.Commit)
        {
            await output.WriteLineAsync("check only: nothing stored (add --commit to store the accepted rows)");
        }
        return (preview.Counts.Rejected > 0 ? 1 : 0, preview.Counts);
    }

    private async Task<(int, ImportCounts)> FailAsync(string message)
    {
        await error.WriteLineAsync(message);
        return (2, new ImportCounts());
    }

    /// <summary>As the owner (no row-level security to check per row), the population tables' keys detached during the load.</summary>
    private async Task<ResidentImportOutcome> CommitBulkAsync(
        string ownerConnection, int tenantId, ResidentImportPreview preview, string file, DateOnly today, CancellationToken ct)
    {
        var scope = await BulkLoadScope.DetachAsync(ownerConnection, BulkTables, ct);
        try
        {
            await using var owner = NpgsqlDataSource.Create(ownerConnection);
            return await StoreAsync(DataServiceCollectionExtensions.CreateOptions(owner), tenantId, preview, file, today, ct);
        }
        finally
        {
            await scope.RestoreAsync(BulkTables, CancellationToken.None);
        }
    }

    private async Task<ResidentImportOutcome> StoreAsync(
        DbContextOptions<EnrollmentDbContext> options, int tenantId, ResidentImportPreview preview, string file, DateOnly today, CancellationToken ct)
    {
        await using var db = new EnrollmentDbContext(options, TenantContext.For(tenantId, "cli:import"));
        return await ResidentImportCommit.CommitAsync(db, preview, Path.GetFileName(file), today, clock.GetUtcNow(), ct);
    }
}
