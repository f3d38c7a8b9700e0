using System.Net;
using AngleSharp.Html.Dom;
using Enrollment.Testing.Web;
using static Enrollment.Web.Tests.Campaigns.Forms;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// Campaign configuration: a draft changes freely, an open campaign only with a reason after an impact preview;
/// every change is a new, audited version; accepted campaigns are final; only county administrators get in.
/// </summary>
public sealed class PolicyEditTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Theory]
    [InlineData("tz-baogou")]
    [InlineData("tz-staff")]
    [InlineData("tz-finance")]
    [InlineData("pb-admin")]
    public async Task Only_the_county_administrator_opens_the_configuration_pages(string login)
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);

        foreach (var url in new[] { "/campaigns/tengzhou-2025", "/campaigns/tengzhou-2025/policy/edit", "/campaigns/tengzhou-2025/versions" })
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
        if (login != "pb-admin")
        {
            (await client.GetAsync("/campaigns")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Next_year_is_created_as_a_draft_with_dates_moved_on_a_year()
    {
        var client = await AdminAsync();
        await EnsureDraftAsync(client);

        (await app.ScalarAsync<string>("SELECT status FROM campaigns WHERE code = 'tengzhou-2026'")).ShouldBe("draft");
        (await app.ScalarAsync<DateOnly>("SELECT window_end FROM campaigns WHERE code = 'tengzhou-2026'")).ShouldBe(new DateOnly(2025, 12, 31));
        (await app.ScalarAsync<string>("""
            SELECT v.document->>'policyYear' FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id
            WHERE c.code = 'tengzhou-2026' AND v.version = 1
            """)).ShouldBe("2026");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'campaigns' AND action = 'insert' AND after->>'code' = 'tengzhou-2026'")).ShouldBe(1);

        var again = await PostPageAsync(client, "/campaigns/tengzhou-2025", "next-year", [F("NextYear", "1")]);
        again.QuerySelector("[data-testid=next-year-error]")!.TextContent.ShouldContain("已存在");
    }

    [Fact]
    public async Task A_draft_share_change_is_saved_as_a_new_audited_version()
    {
        var client = await AdminAsync();
        await EnsureDraftAsync(client);
        var before = await VersionOf("tengzhou-2026");
        var audits = await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'campaign_policy_versions' AND action = 'insert'");

        var edit = await GetAsync(client, "/campaigns/tengzhou-2026/policy/edit");
        var fields = FieldsOf(edit, "[data-testid=policy-form]");
        fields[ShareField(edit, "age_60_69")] = "0.6";
        fields["Input.Action"] = "save";
        var saved = await client.PostAsync("/campaigns/tengzhou-2026/policy/edit", Post("policy-edit", fields));

        await ShouldRedirectAsync(saved);
        (await VersionOf("tengzhou-2026")).ShouldBe(before + 1);
        (await app.ScalarAsync<string>($"""
            SELECT s->>'share' FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id,
            jsonb_array_elements(v.document->'subsidies') s WHERE c.code = 'tengzhou-2026' AND v.version = {before + 1} AND s->>'basis' = 'age_60_69'
            """)).ShouldBe("0.6");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'campaign_policy_versions' AND action = 'insert'")).ShouldBe(audits + 1);
        (await app.ScalarAsync<string>("SELECT actor FROM audit_log WHERE entity = 'campaign_policy_versions' ORDER BY id DESC LIMIT 1")).ShouldBe("tz-admin");
    }

    [Fact]
    public async Task An_invalid_share_is_explained_in_Chinese_next_to_the_field_and_nothing_is_saved()
    {
        var client = await AdminAsync();
        await EnsureDraftAsync(client);
        var before = await VersionOf("tengzhou-2026");

        var edit = await GetAsync(client, "/campaigns/tengzhou-2026/policy/edit");
        var fields = FieldsOf(edit, "[data-testid=policy-form]");
        var share = ShareField(edit, "age_60_69");
        fields[share] = "1.5";
        fields["Input.Action"] = "save";
        var page = Parser.ParseDocument(await (await client.PostAsync("/campaigns/tengzhou-2026/policy/edit", Post("policy-edit", fields))).Content.ReadAsStringAsync());

        var index = share["Input.Subsidies[".Length..share.IndexOf(']', StringComparison.Ordinal)];
        page.QuerySelector($"[data-testid=subsidy-age_60_69] [data-problem='subsidies[{index}].share']")!.TextContent.ShouldContain("资助比例应大于 0 且不超过 1");
        page.QuerySelector("[data-testid=policy-errors]").ShouldNotBeNull();
        (await VersionOf("tengzhou-2026")).ShouldBe(before);
    }

    [Fact]
    public async Task An_open_campaign_saves_only_after_an_impact_preview_and_with_a_reason()
    {
        var client = await AdminAsync();
        var before = await VersionOf("tengzhou-2025");
        var edit = await GetAsync(client, "/campaigns/tengzhou-2025/policy/edit");
        var fields = FieldsOf(edit, "[data-testid=policy-form]");
        fields[ShareField(edit, "age_60_69")] = "1";

        // Straight to save without a preview: nothing is saved, the preview is shown instead.
        fields["Input.Action"] = "save";
        fields["Input.Reason"] = "市政府通知：60—69岁老人全额资助";
        var unpreviewed = Parser.ParseDocument(await (await client.PostAsync("/campaigns/tengzhou-2025/policy/edit", Post("policy-edit", fields))).Content.ReadAsStringAsync());
        (await VersionOf("tengzhou-2025")).ShouldBe(before);
        unpreviewed.QuerySelector("[data-testid=impact-preview]").ShouldNotBeNull();

        // The preview: the residents aged 60–69 now pay nothing; the county bears the difference.
        fields["Input.Action"] = "preview";
        var preview = Parser.ParseDocument(await (await client.PostAsync("/campaigns/tengzhou-2025/policy/edit", Post("policy-edit", fields))).Content.ReadAsStringAsync());
        var changed = int.Parse(preview.QuerySelector("[data-testid=impact-changed]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        changed.ShouldBeGreaterThan(0);
        // Direct mode: what residents stop paying, the fiscal levels pay; some switch from the half-township
        // family-planning rule to the (earlier, now equal) age rule, so the township share goes down.
        var payable = Money(preview, "impact-payable");
        var subsidy = Money(preview, "impact-subsidy");
        payable.ShouldBeLessThan(0m);
        subsidy.ShouldBe(-payable);
        (Money(preview, "impact-county") + Money(preview, "impact-township")).ShouldBe(subsidy);
        Money(preview, "impact-township").ShouldBeLessThanOrEqualTo(0m);

        // Confirming without a reason is refused.
        var confirm = FieldsOf(preview, "[data-testid=policy-form]");
        confirm["Input.Action"] = "save";
        confirm["Input.Reason"] = "";
        var noReason = Parser.ParseDocument(await (await client.PostAsync("/campaigns/tengzhou-2025/policy/edit", Post("policy-edit", confirm))).Content.ReadAsStringAsync());
        noReason.QuerySelector("[data-problem=reason]").ShouldNotBeNull();
        (await VersionOf("tengzhou-2025")).ShouldBe(before);

        confirm["Input.Reason"] = "市政府通知：60—69岁老人全额资助";
        await ShouldRedirectAsync(await client.PostAsync("/campaigns/tengzhou-2025/policy/edit", Post("policy-edit", confirm)));
        (await VersionOf("tengzhou-2025")).ShouldBe(before + 1);
        (await app.ScalarAsync<string>("""
            SELECT v.reason FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id
            WHERE c.code = 'tengzhou-2025' ORDER BY v.version DESC LIMIT 1
            """)).ShouldBe("市政府通知：60—69岁老人全额资助");
    }

    [Fact]
    public async Task Versions_are_listed_viewed_and_compared_setting_by_setting()
    {
        var client = await AdminAsync();
        await EnsureDraftAsync(client);
        var edit = await GetAsync(client, "/campaigns/tengzhou-2026/policy/edit");
        var fields = FieldsOf(edit, "[data-testid=policy-form]");
        fields["Input.IndividualContribution"] = "420";
        fields["Input.Action"] = "save";
        fields["Input.Reason"] = "省定 2026 年个人缴费标准";
        await ShouldRedirectAsync(await client.PostAsync("/campaigns/tengzhou-2026/policy/edit", Post("policy-edit", fields)));
        var latest = await VersionOf("tengzhou-2026");

        var list = await GetAsync(client, "/campaigns/tengzhou-2026/versions");
        list.QuerySelectorAll("[data-testid=versions] tbody tr").Length.ShouldBe(latest);
        list.QuerySelector("[data-testid=versions]")!.TextContent.ShouldContain("省定 2026 年个人缴费标准");
        var compared = await GetAsync(client, $"/campaigns/tengzhou-2026/versions?from={latest - 1}&to={latest}");
        var row = compared.QuerySelector("[data-testid=differences] tr[data-path=individualContribution]")!;
        row.TextContent.ShouldContain("420");
        var view = await GetAsync(client, "/campaigns/tengzhou-2026/versions/1");
        view.QuerySelector("[data-testid=individual-contribution]")!.TextContent.ShouldBe("400.00 元");
        (await client.GetAsync($"/campaigns/tengzhou-2026/versions/{latest + 5}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_accepted_campaign_is_read_only()
    {
        var client = await AdminAsync();

        var page = await GetAsync(client, "/campaigns/tengzhou-2020/policy/edit");

        page.QuerySelector("[data-testid=policy-readonly]").ShouldNotBeNull();
        page.QuerySelector("[data-testid=policy-form]").ShouldBeNull();
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        return client;
    }

    private async Task EnsureDraftAsync(HttpClient client)
    {
        if (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'tengzhou-2026'") == 0)
        {
            var created = await PostAsync(client, "/campaigns/tengzhou-2025", "next-year", [F("NextYear", "1")]);
            created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            created.Headers.Location!.AbsolutePath().ShouldBe("/campaigns/tengzhou-2026");
        }
    }

    private Task<int> VersionOf(string code) => app.ScalarAsync<int>("""
        SELECT max(v.version) FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id WHERE c.code = $1
        """, code);

    private static decimal Money(IHtmlDocument page, string testId) =>
        decimal.Parse(page.QuerySelector($"[data-testid={testId}]")!.TextContent, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);

    private static string ShareField(IHtmlDocument edit, string basis) =>
        edit.QuerySelector($"[data-testid=subsidy-{basis}] input[name$='.Share']")!.GetAttribute("name")!;

}
