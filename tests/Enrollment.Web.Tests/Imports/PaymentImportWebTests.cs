using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Enrollment.Data.Imports;
using Enrollment.Testing.Imports;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Imports;
using static Enrollment.Web.Tests.Api.ApiWorld;

namespace Enrollment.Web.Tests.Imports;

/// <summary>
/// 导入税务缴费明细 over HTTP as the browser does it: the page and the upload (campaign field, antiforgery, county
/// permission), the preview filtered by verdict, the report, the commit once, and the same file again unchanged.
/// </summary>
public sealed class PaymentImportWebTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly string[] Header = ["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道", "票据号"];

    [Fact]
    public async Task County_staff_upload_for_a_campaign_preview_by_verdict_download_the_report_and_commit_once()
    {
        var payer = await UnpaidAsync(app, 200);
        var file = await ImportFiles.XlsxAsync([Header,
            [payer.Name, payer.IdNumber, "400.00", "2024-11-20", "电子税务局", "WEB-P1"],
            [payer.Name, payer.IdNumber, "1.00", "2024-11-20", "电子税务局", "WEB-P2"]]);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-staff");

        var page = await client.GetAsync("/imports/payments");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("value=\"tengzhou-2025\"");
        var upload = await PostAsync(client, file, "税务明细.xlsx", "tengzhou-2025", AccountsWorld.AntiforgeryToken(html));

        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = upload.Headers.Location!.AbsolutePath();
        var id = Guid.Parse(location["/imports/payments/".Length..]);
        (await client.GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = await (await client.GetAsync($"/imports/payments/{id}/report.csv")).Content.ReadAsByteArrayAsync();
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(3))).ShouldBe(["2,accepted,", "3,rejected,amount_mismatch"]);

        await using var session = await app.SessionAsync("tz-staff");
        var commands = session.Get<PaymentImportCommands>();
        var rejected = await commands.RowsAsync(id, new Web.Components.Grids.GridRequest(0, 10), ImportVerdict.Rejected);
        (rejected.Total, rejected.Items.Single().Row).ShouldBe((1, 3));
        rejected.Items.Single().Values[1].ShouldNotBe(payer.IdNumber, "the grid masks the ID number");
        (await commands.RowsAsync(id, new Web.Components.Grids.GridRequest(0, 10), null)).Total.ShouldBe(2);
        var outcome = (await commands.CommitAsync(id)).ShouldNotBeNull();
        (outcome.Error, outcome.Recorded).ShouldBe((null, 1));
        (await commands.CommitAsync(id))!.Recorded.ShouldBe(1, "a second click answers the first commit");
        (await commands.SummaryAsync(id))!.ShouldSatisfyAllConditions(s => s.CanCommit.ShouldBeFalse(), s => s.Done.ShouldNotBeNull());
        (await app.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", payer.EnrollmentId)).ShouldBe("paid");

        var again = await PostAsync(client, file, "税务明细.xlsx", "tengzhou-2025", AccountsWorld.AntiforgeryToken(html));
        var second = Guid.Parse(again.Headers.Location!.AbsolutePath()["/imports/payments/".Length..]);
        (await commands.SummaryAsync(second))!.Counts.ShouldBe(new ImportCounts(2, 0, 1, 1));

        // Another user's check is not found, even for county staff.
        await using var other = await app.SessionAsync("tz-admin");
        (await other.Get<PaymentImportCommands>().SummaryAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task An_unknown_campaign_refuses_the_file_and_a_township_clerk_may_not_import_payments()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-staff");
        var token = AccountsWorld.AntiforgeryToken(await (await client.GetAsync("/imports/payments")).Content.ReadAsStringAsync());
        var file = await ImportFiles.XlsxAsync([Header, ["某人", "11010519491231002X", "400", "2024-11-20", "微信", "W-1"]]);

        var upload = await PostAsync(client, file, "x.xlsx", "nowhere-2025", token);

        var id = Guid.Parse(upload.Headers.Location!.AbsolutePath()["/imports/payments/".Length..]);
        await using var session = await app.SessionAsync("tz-staff");
        (await session.Get<PaymentImportCommands>().SummaryAsync(id))!.Refusal.ShouldNotBeNull().ShouldContain("nowhere-2025");

        var clerk = app.NewClient();
        await DemoApp.SignInAsync(clerk, "tz-baogou");
        (await clerk.GetAsync("/imports/payments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(clerk, file, "x.xlsx", "tengzhou-2025", token)).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] file, string name, string campaign, string token)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(campaign), "campaign" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", name);
        return client.PostAsync("/imports/payments", content);
    }
}
