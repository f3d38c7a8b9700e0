using System.Diagnostics;
using System.Globalization;
using Enrollment.Data.Imports;
using Enrollment.Data.Imports.Payments;

namespace Enrollment.Cli.Import;

internal sealed record PaymentsImportArguments(
    string Tenant, string Campaign, string File, string? Report, bool Commit, string? ConnectionString, string? BusinessDate);

/// <summary>
/// Runs a tax bureau's payment file for a campaign as the app role, county-wide: the check (each row as the payments
/// API would answer it), the report, and with --commit the store of the accepted rows in one transaction. With
/// --commit the report carries each stored row's actual outcome.
/// </summary>
internal sealed class PaymentsImport(TextWriter output, TextWriter error, TimeProvider clock)
{
    public Task<int> RunAsync(PaymentsImportArguments args, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        return ImportTarget.RunAsync(output, error, "数据库不可用，未导入任何缴费", () => RunCoreAsync(args, ct));
    }

    private async Task<(int Code, ImportCounts Counts)> RunCoreAsync(PaymentsImportArguments args, CancellationToken ct)
    {
        var (target, problem) = await ImportTarget.OpenAsync(args.ConnectionString, args.Tenant, args.File, args.BusinessDate, clock, ct);
        if (target is null)
        {
            return await FailAsync(problem!);
        }
        await using var opened = target;
        var timer = Stopwatch.StartNew();
        PaymentImportPreview preview;
        await using (var db = target.Context())
        await using (var file = ImportTarget.Read(args.File))
        {
            preview = await PaymentImportCheck.CheckAsync(db, file, args.Campaign, target.Today, ct);
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

        var results = preview.Results;
        if (args.Commit && preview.ToStore.Count > 0)
        {
            await using var db = target.Context();
            var outcome = await PaymentImportCommit.CommitAsync(db, preview, Path.GetFileName(args.File), clock.GetUtcNow(), ct);
            if (outcome.Error is { } failed)
            {
                await ImportTarget.WriteReportAsync(args.Report, preview, results, ct);
                await error.WriteLineAsync(failed);
                return (2, preview.Counts);
            }
            results = outcome.Results;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"stored {outcome.Recorded:N0} recorded, {outcome.Matched:N0} matched, {outcome.RefundDue:N0} refund_due, {outcome.Reversed:N0} reversed in {timer.Elapsed.TotalSeconds:F1} s"));
        }
        else if (!args.Commit)
        {
            await output.WriteLineAsync("check only: nothing stored (add --commit to store the accepted rows)");
        }
        await ImportTarget.WriteReportAsync(args.Report, preview, results, ct);
        return (preview.Counts.Rejected > 0 ? 1 : 0, preview.Counts);
    }

    private async Task<(int, ImportCounts)> FailAsync(string message)
    {
        await error.WriteLineAsync(message);
        return (2, new ImportCounts());
    }
}
