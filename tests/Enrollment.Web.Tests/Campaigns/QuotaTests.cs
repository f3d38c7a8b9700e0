using System.Net;
using Enrollment.Testing.Web;
using static Enrollment.Web.Tests.Campaigns.Forms;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>Quotas per township edited by the county administrator, each change kept with who, when and why.</summary>
public sealed class QuotaTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task A_quota_change_needs_a_reason_and_is_kept_in_the_history()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        var page = await GetAsync(client, "/campaigns/tengzhou-2025/quotas");
        var fields = FieldsOf(page, "[data-testid=quota-form]");
        var target = page.QuerySelector("[data-testid=quota-鲍沟镇] input[name$='.Target']")!.GetAttribute("name")!;
        fields[target] = "54321";
        fields["_handler"] = "quotas";

        var noReason = Parser.ParseDocument(await (await client.PostAsync("/campaigns/tengzhou-2025/quotas", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        noReason.QuerySelector("[data-testid=quota-error]")!.TextContent.ShouldContain("原因");

        fields["Input.Reason"] = "11月单独下发任务数";
        var saved = await client.PostAsync("/campaigns/tengzhou-2025/quotas", new FormUrlEncodedContent(fields));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.ScalarAsync<int>("""
            SELECT q.target FROM quotas q JOIN campaigns c ON c.id = q.campaign_id AND c.tenant_id = q.tenant_id
            JOIN jurisdictions j ON j.id = q.jurisdiction_id AND j.tenant_id = q.tenant_id WHERE c.code = 'tengzhou-2025' AND j.name = '鲍沟镇'
            """)).ShouldBe(54321);
        var history = await GetAsync(client, "/campaigns/tengzhou-2025/quotas");
        history.QuerySelector("[data-testid=quota-history] tbody tr")!.TextContent.ShouldContain("11月单独下发任务数");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'quota_changes' AND action = 'insert' AND after->>'reason' = '11月单独下发任务数'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_clerk_cannot_open_the_quota_page()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        (await client.GetAsync("/campaigns/tengzhou-2025/quotas")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
