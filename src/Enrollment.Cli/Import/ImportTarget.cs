using Enrollment.Cli.Hosting;
using Enrollment.Data;
using Enrollment.Data.Imports;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Cli.Import;

/// <summary>
/// What every import command sets up the same way: the file, the business date, the app role's connection (derived
/// from the owner's, or ConnectionStrings__EnrollmentApp) and the county by its code — or why it cannot (Chinese).
/// </summary>
internal sealed class ImportTarget : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private ImportTarget(NpgsqlDataSource dataSource, int tenantId, DateOnly today)
    {
        _dataSource = dataSource;
        Options = DataServiceCollectionExtensions.CreateOptions(dataSource);
        TenantId = tenantId;
        Today = today;
    }

    public DbContextOptions<EnrollmentDbContext> Options { get; }

    public int TenantId { get; }

    public DateOnly Today { get; }

    /// <summary>A context of the app role acting county-wide for the tenant, as the import's actor.</summary>
    public EnrollmentDbContext Context() => new(Options, TenantContext.For(TenantId, "cli:import"));

    public static async Task<(ImportTarget? Target, string? Problem)> OpenAsync(
        string? connectionString, string tenant, string file, string? businessDate, TimeProvider clock, CancellationToken ct)
    {
        if (connectionString is null)
        {
            return (null, "没有数据库连接：请用 --connection 指定，或设置 ConnectionStrings__Enrollment（或先运行 deploy/run.sh 生成 .data/enrollment.env）。");
        }
        if (!CliSettings.TryBusinessDate(businessDate, clock, out var today, out var dateError))
        {
            return (null, dateError!);
        }
        if (!File.Exists(file))
        {
            return (null, $"找不到文件：{file}");
        }
        var appConnection = Environment.GetEnvironmentVariable("ConnectionStrings__EnrollmentApp")
            ?? EnrollmentDataOptions.DeriveAppConnectionString(connectionString);
        var dataSource = NpgsqlDataSource.Create(appConnection);
        await using (var system = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), new TenantContext()))
        {
            if (await system.Tenants.Where(t => t.Code == tenant).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct) is { } found)
            {
                return (new ImportTarget(dataSource, found, today), null);
            }
        }
        await dataSource.DisposeAsync();
        return (null, $"没有代码为“{tenant}”的县（市）。");
    }

    /// <summary>
    /// Runs an import's body with the contract's ending: a database that fails midway is exit 2 with
    /// <paramref name="unavailable"/>, and the last line of standard output is the counts, whatever happened.
    /// </summary>
    public static async Task<int> RunAsync(
        TextWriter output, TextWriter error, string unavailable, Func<Task<(int Code, ImportCounts Counts)>> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        var counts = new ImportCounts();
        try
        {
            var (code, result) = await body();
            counts = result;
            return code;
        }
        catch (NpgsqlException e)
        {
            await error.WriteLineAsync($"{unavailable}：{e.Message}");
            return 2;
        }
        finally
        {
            await output.WriteLineAsync(counts.ToString());
        }
    }

    public static FileStream Read(string file) => new(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>Writes the verdict report when --report was given.</summary>
    public static async Task WriteReportAsync(string? path, IImportPreview preview, IEnumerable<ImportRowResult> results, CancellationToken ct)
    {
        if (path is null)
        {
            return;
        }
        await using var report = new FileStream(path, FileMode.Create, FileAccess.Write);
        await ImportReport.WriteCsvAsync(report, preview.Headers, results, ct);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
