using Bunit;
using Enrollment.Testing.Imports;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Imports;
using Enrollment.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using static Enrollment.Web.Tests.Api.ApiWorld;

namespace Enrollment.Web.Tests.Imports;

/// <summary>
/// The page 导入税务缴费明细 rendered with bUnit as county staff: the campaign choice, then (the upload being a plain
/// form post, its handler is called as the endpoint calls it) the preview's counts and rows, the commit through the
/// confirmation dialog, and what the commit did.
/// </summary>
public sealed class PaymentImportPageTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_preview_shows_counts_and_rows_and_the_commit_button_stores_the_accepted_rows()
    {
        var payer = await UnpaidAsync(app, 230);
        var file = await ImportFiles.XlsxAsync([
            ["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道", "票据号"],
            [payer.Name, payer.IdNumber, "400", "2024-11-20", "微信", "PAGE-1"],
            [payer.Name, "12345", "400", "2024-11-20", "微信", "PAGE-2"]]);
        await using var session = await ComponentSession.StartAsync(app, "tz-staff");

        var id = await session.Context.Services.GetRequiredService<PaymentImportCommands>().CheckAsync(new MemoryStream(file), "税务.xlsx", "tengzhou-2025");

        var page = session.RenderInLayout<PaymentImportPage>(new Dictionary<string, object?> { [nameof(PaymentImportPage.ImportId)] = id });
        page.WaitForAssertion(() => page.FindAll("[data-testid=row-verdict]").Count.ShouldBe(2));
        page.Find("[data-testid=import-campaign] option[value=tengzhou-2025]").TextContent.ShouldContain("征缴中");
        page.Find("[data-testid=count-accepted]").TextContent.ShouldContain("1");
        page.Find("[data-testid=count-rejected]").TextContent.ShouldContain("1");
        page.FindAll("[data-testid=row-message]")[0].TextContent.ShouldContain("公民身份号码");

        await page.InvokeAsync(() => page.Find("[data-testid=import-commit]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=dialog-confirm]"));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=import-done]").TextContent.ShouldContain("已导入 1 笔缴费"));
        page.FindAll("[data-testid=import-commit]").ShouldBeEmpty();
        (await app.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", payer.EnrollmentId)).ShouldBe("paid");
    }
}
