using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Enrollment.Testing.Imports;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Imports;
using Xunit.Abstractions;

namespace Enrollment.Web.Tests.Imports;

/// <summary>
/// A measurement, not a test (docs/performance.md, "Population import"): a 100,000-row workbook through the browser's
/// path — the upload endpoint over HTTP, then the commit through the page's handler — as the county administrator.
/// Runs only when ENROLLMENT_IMPORT_MEASURE is set.
/// </summary>
public sealed class ImportScaleMeasurement(DemoApp app, ITestOutputHelper output) : IClassFixture<DemoApp>
{
    private const int Rows = 100_000;

    [ScaleFact("ENROLLMENT_IMPORT_MEASURE")]
    public async Task A_100000_row_workbook_is_previewed_and_committed_through_the_browsers_path()
    {
        var villages = (await app.ScalarAsync<string>("""
            SELECT string_agg(t.name || '|' || v.name, ';' ORDER BY v.id) FROM jurisdictions v
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%' AND t.level = 'township'
            JOIN tenants n ON n.id = v.tenant_id WHERE n.code = 'tengzhou' AND v.level = 'village'
            """)).Split(';').Select(p => p.Split('|')).ToArray();
        var rows = new List<IReadOnlyList<object?>>(Rows + 1) { ImportFiles.ResidentHeader };
        for (var i = 0; i < Rows; i++)
        {
            var household = i / 3;
            var place = villages[household % villages.Length];
            var birth = new DateOnly(1940, 1, 1).AddDays(i % 25_000);
            // Sequence numbers 900–999 are not the generator's, so the numbers are new to the demo county.
            var first17 = $"370481{birth:yyyyMMdd}{900 + i / 25_000:D3}";
            rows.Add([place[0], place[1], $"M{household:D7}", "测试居民", first17 + Domain.Residents.CitizenId.ComputeCheckCharacter(first17),
                i % 3 == 0 ? "户主" : i % 3 == 1 ? "配偶" : "子", "13800000000", "测试路1号", "是"]);
        }
        var file = await ImportFiles.XlsxAsync(rows);
        rows.Clear();
        GC.Collect();
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        var token = AccountsWorld.AntiforgeryToken(await (await client.GetAsync("/imports/residents")).Content.ReadAsStringAsync());
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        // CPU time beside wall time: on a shared machine the wall time says as much about the neighbours as about the import.
        var cpuStart = process.TotalProcessorTime;

        var clock = Stopwatch.StartNew();
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", "十万行.xlsx");
        var upload = await client.PostAsync("/imports/residents", content);
        var preview = clock.Elapsed;
        process.Refresh();
        var cpuPreview = process.TotalProcessorTime - cpuStart;
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = Guid.Parse(upload.Headers.Location!.ToString()["/imports/residents/".Length..]);
        await using var session = await app.SessionAsync("tz-admin");
        var commands = session.Get<ResidentImportCommands>();
        var summary = (await commands.SummaryAsync(id))!;
        var firstPage = await commands.RowsAsync(id, new Web.Components.Grids.GridRequest(0, 25));
        var outcome = await commands.CommitAsync(id);
        var total = clock.Elapsed;
        process.Refresh();

        output.WriteLine($"file {file.Length / 1024.0 / 1024.0:F1} MB; {summary.Counts}");
        output.WriteLine($"upload + check {preview.TotalSeconds:F1} s; first page {firstPage.Items.Count} rows; commit {(total - preview).TotalSeconds:F1} s; total {total.TotalSeconds:F1} s");
        output.WriteLine($"CPU of this process (test server and app): upload + check {cpuPreview.TotalSeconds:F1} s, commit {(process.TotalProcessorTime - cpuStart - cpuPreview).TotalSeconds:F1} s");
        output.WriteLine($"working set before {before / 1048576} MB, after {process.WorkingSet64 / 1048576} MB, peak {process.PeakWorkingSet64 / 1048576} MB");
        outcome.ShouldNotBeNull().Error.ShouldBeNull();
        outcome.Residents.ShouldBe(summary.Counts.Accepted);
    }
}
