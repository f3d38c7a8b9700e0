using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Enrollment.Data.Imports;
using Enrollment.Testing.Imports;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Imports;

namespace Enrollment.Web.Tests.Imports;

/// <summary>
/// 导入户籍人口 over HTTP as the browser does it: the upload endpoint (antiforgery, permission, size limit), the
/// preview kept for the uploading user only, the report, and the commit through the same handler.
/// </summary>
public sealed class ResidentImportWebTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<string> VillageOfBaogouAsync() => await app.ScalarAsync<string>("""
        SELECT v.name FROM jurisdictions v JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
        JOIN tenants n ON n.id = t.tenant_id
        WHERE n.code = 'tengzhou' AND t.name = '鲍沟镇' AND v.level = 'village' ORDER BY v.display_order LIMIT 1
        """);

    private static string Id(string birth, int sequence) =>
        ("370481" + birth + sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)) is var first17
            ? first17 + Domain.Residents.CitizenId.ComputeCheckCharacter(first17) : "";

    [Fact]
    public async Task A_township_clerk_uploads_previews_downloads_the_report_and_commits()
    {
        var village = await VillageOfBaogouAsync();
        var file = await ImportFiles.XlsxAsync(
        [
            ImportFiles.ResidentHeader,
            ["鲍沟镇", village, "WEB-1", "倪一", Id("19800101", 811), "户主", "13900001111", "村东1号", "是"],
            ["滨湖镇", "某村", "WEB-2", "倪二", Id("19800101", 821), "户主", null, null, "是"],
            ["鲍沟镇", village, "WEB-1", "倪三", "12345", "子", null, null, "是"],
        ]);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        var upload = await UploadAsync(client, file, "人口.xlsx");

        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = upload.Headers.Location!.AbsolutePath();
        location.ShouldStartWith("/imports/residents/");
        var id = Guid.Parse(location["/imports/residents/".Length..]);
        (await client.GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var report = await client.GetAsync($"/imports/residents/{id}/report.csv");
        report.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = await report.Content.ReadAsByteArrayAsync();
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4);
        lines[2].ShouldStartWith("3,rejected,outside_scope,");

        await using var session = await app.SessionAsync("tz-baogou");
        var commands = session.Get<ResidentImportCommands>();
        var page = await commands.RowsAsync(id, new Web.Components.Grids.GridRequest(0, 10));
        page.Items.Select(r => r.Verdict).ShouldBe([ImportVerdict.Rejected, ImportVerdict.Rejected, ImportVerdict.Accepted]);
        var outcome = await commands.CommitAsync(id);
        outcome.ShouldNotBeNull().Residents.ShouldBe(1);
        (await commands.CommitAsync(id))!.Residents.ShouldBe(1, "a second click answers the first commit");
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE name = '倪一' AND phone = '13900001111'")).ShouldBe(1L);

        // Another user, even of the same township, does not see this check.
        await using var other = await app.SessionAsync("tz-admin");
        (await other.Get<ResidentImportCommands>().SummaryAsync(id)).ShouldBeNull();
        var admin = app.NewClient();
        await DemoApp.SignInAsync(admin, "tz-admin");
        (await admin.GetAsync($"/imports/residents/{id}/report.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_old_format_xls_workbook_is_read_checked_and_committed_like_an_xlsx()
    {
        var village = await VillageOfBaogouAsync();
        var file = XlsFile.Write(
        [
            ["鲍沟镇人口登记表"],
            ImportFiles.ResidentHeader,
            ["鲍沟镇", village, "XLS-1", "左一", Id("19800101", 911), "户主", "13900002222", "村西2号", "是"],
            ["鲍沟镇", village, "XLS-1", "左二", Id("19820202", 922), "配偶", null, null, "否"],
            ["鲍沟镇", village, "XLS-1", "左三", "3.70481E+17", "子", null, null, "是"],
            ["鲍沟镇", "没有这个村", "XLS-2", "左四", Id("19900303", 931), "户主", null, null, "是"],
        ]);
        file.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "an OLE compound file, as Excel 97–2003 saves");
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        var upload = await UploadAsync(client, file, "人口.xls");

        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = upload.Headers.Location!.AbsolutePath();
        var id = Guid.Parse(location["/imports/residents/".Length..]);
        await using var session = await app.SessionAsync("tz-baogou");
        var commands = session.Get<ResidentImportCommands>();
        var summary = (await commands.SummaryAsync(id)).ShouldNotBeNull();
        (summary.Refusal, summary.Counts.Accepted, summary.Counts.Rejected).ShouldBe((null, 2, 2));
        summary.Notice.ShouldNotBeNull().ShouldContain("第 2 行");
        var page = await commands.RowsAsync(id, new Web.Components.Grids.GridRequest(0, 10));
        page.Items.Select(r => (r.Row, r.Verdict, r.Code)).ShouldBe(
        [
            (5, ImportVerdict.Rejected, ImportCodes.InvalidIdNumber),
            (6, ImportVerdict.Rejected, ImportCodes.UnknownVillage),
            (3, ImportVerdict.Accepted, null),
            (4, ImportVerdict.Accepted, null),
        ]);
        (await commands.CommitAsync(id)).ShouldNotBeNull().Residents.ShouldBe(2);
        (await app.ScalarAsync<string>("""
            SELECT string_agg(r.name || ':' || e.history || ':' || (e.quoted_at IS NOT NULL), ',' ORDER BY r.name)
            FROM residents r JOIN households h ON h.tenant_id = r.tenant_id AND h.id = r.household_id
            LEFT JOIN enrollments e ON e.tenant_id = r.tenant_id AND e.resident_id = r.id
            WHERE h.household_number = 'XLS-1' AND h.head_resident_id IS NOT NULL
            """)).ShouldBe("左一:continuing:true,左二:first_time:true");
    }

    [Fact]
    public async Task A_village_collector_may_neither_open_the_page_nor_upload()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou-cun");

        (await client.GetAsync("/imports/residents")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var clerk = app.NewClient();
        await DemoApp.SignInAsync(clerk, "tz-baogou");
        var token = AccountsWorld.AntiforgeryToken(await (await clerk.GetAsync("/imports/residents")).Content.ReadAsStringAsync());
        (await PostAsync(client, [1, 2, 3], "x.xlsx", token)).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_file_over_50_MB_is_refused_before_it_is_read_and_a_post_without_the_token_is_refused()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        var large = await UploadAsync(client, new byte[ResidentImportEndpoints.MaxFileBytes + 10], "big.csv");
        var forged = await PostAsync(client, [1, 2, 3], "x.csv", token: null);

        (large.StatusCode, large.Headers.Location?.ToString()).ShouldBe((HttpStatusCode.Redirect, "/imports/residents?problem=too-large"));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name)
    {
        var page = await client.GetAsync("/imports/residents");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await PostAsync(client, file, name, AccountsWorld.AntiforgeryToken(await page.Content.ReadAsStringAsync()));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] file, string name, string? token)
    {
        var content = new MultipartFormDataContent();
        if (token is not null)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", name);
        return client.PostAsync("/imports/residents", content);
    }
}
