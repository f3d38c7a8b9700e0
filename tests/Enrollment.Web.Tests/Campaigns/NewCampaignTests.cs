using System.Net;
using AngleSharp.Html.Dom;
using Enrollment.Testing.Web;
using static Enrollment.Web.Tests.Campaigns.Forms;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// A new campaign from a shipped policy template (/campaigns/new): settings copied, dates moved to the target
/// year, a draft at policy version 1, audited; the code checked; only county administrators get in.
/// </summary>
public sealed class NewCampaignTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Form = "[data-testid=new-campaign-form]";

    [Theory]
    [InlineData("tz-baogou")]
    [InlineData("tz-staff")]
    [InlineData("tz-finance")]
    public async Task Only_the_county_administrator_opens_the_page(string login)
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);

        (await client.GetAsync("/campaigns/new?template=tengzhou-2025")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var posted = await client.PostAsync("/campaigns/new", new FormUrlEncodedContent(
            [F("_handler", "new-campaign"), F("Input.Template", "tengzhou-2025"), F("Input.PolicyYear", "2030"), F("Input.Code", "sneaky-2030")]));
        posted.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'sneaky-2030'")).ShouldBe(0);
    }

    [Fact]
    public async Task The_list_links_to_the_page_which_shows_the_five_templates()
    {
        var client = await AdminAsync();
        (await GetAsync(client, "/campaigns")).QuerySelector("a[data-testid=new-campaign]")!.GetAttribute("href").ShouldBe("/campaigns/new");

        var page = await GetAsync(client, "/campaigns/new");

        var templates = page.QuerySelectorAll("[data-testid=templates] [data-template]").Select(t => t.GetAttribute("data-template")).ToList();
        templates.ShouldBe(["tengzhou-2025", "baogou-2022", "pubei-2020", "tengzhou-2020", "xiaoxue-2020"], ignoreOrder: true);
        var baogou = page.QuerySelector("[data-template=baogou-2022]")!.TextContent;
        baogou.ShouldContain("鲍沟镇2022年度居民基本医疗保险参保征缴");
        baogou.ShouldContain("鲍政发〔2021〕21号");
        baogou.ShouldContain("医保年度 2022");
        baogou.ShouldContain("滕州市鲍沟镇");
        page.QuerySelector(Form).ShouldBeNull();

        var unknown = await GetAsync(client, "/campaigns/new?template=no-such-template");
        unknown.QuerySelector("[data-testid=unknown-template]")!.TextContent.ShouldContain("未找到政策模板");
        unknown.QuerySelector(Form).ShouldBeNull();
    }

    [Fact]
    public async Task The_form_suggests_the_year_after_the_latest_campaign_and_the_template_township()
    {
        var client = await AdminAsync();
        var next = await app.ScalarAsync<int>("SELECT max(c.policy_year) + 1 FROM campaigns c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'tengzhou'");

        var county = FieldsOf(await GetAsync(client, "/campaigns/new?template=tengzhou-2025"), Form);
        var baogou = await GetAsync(client, "/campaigns/new?template=baogou-2022");

        county["Input.PolicyYear"].ShouldBe(next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        county["Input.Code"].ShouldBe($"tengzhou-{next}");
        county["Input.TownshipId"].ShouldBe("");
        FieldsOf(baogou, Form)["Input.Code"].ShouldBe($"baogou-{next}");
        ((IHtmlSelectElement)baogou.QuerySelector("#township")!).SelectedOptions.Single().TextContent.ShouldBe("鲍沟镇");
    }

    [Theory]
    [InlineData("tengzhou-2026", "tengzhou-2028")]
    [InlineData("", "tengzhou-2028")]
    [InlineData("tz-special", "tz-special")]
    public async Task A_suggested_code_follows_a_change_of_year_and_a_typed_one_stays(string code, string expected)
    {
        var client = await AdminAsync();

        // What htmx asks for when the year field changes: the page for that year, from which it takes #code.
        var page = await GetAsync(client, $"/campaigns/new?template=tengzhou-2025&Input.PolicyYear=2028&Input.Code={Uri.EscapeDataString(code)}");

        page.QuerySelector("#code")!.GetAttribute("value").ShouldBe(expected);
        page.QuerySelector("#policy-year")!.GetAttribute("hx-select").ShouldBe("#code");
    }

    [Fact]
    public async Task A_year_that_is_not_a_number_falls_back_to_the_default()
    {
        var client = await AdminAsync();

        var page = await client.GetAsync("/campaigns/new?template=tengzhou-2025&Input.PolicyYear=abc&Input.Code=");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_county_campaign_is_created_from_the_tengzhou_2025_template_as_a_draft()
    {
        var client = await AdminAsync();
        var fields = FieldsOf(await GetAsync(client, "/campaigns/new?template=tengzhou-2025"), Form);
        fields["Input.PolicyYear"] = "2026";
        fields["Input.Code"] = "tengzhou-2026";

        var created = await client.PostAsync("/campaigns/new", new FormUrlEncodedContent(fields));

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.Location!.AbsolutePath().ShouldBe("/campaigns/tengzhou-2026");
        (await Column<string>("tengzhou-2026", "status")).ShouldBe("draft");
        (await Column<string>("tengzhou-2026", "name")).ShouldBe("滕州市2026年度城乡居民基本医疗保险参保征缴");
        (await Column<DateOnly>("tengzhou-2026", "window_start")).ShouldBe(new DateOnly(2025, 10, 1));
        (await Column<DateOnly>("tengzhou-2026", "window_end")).ShouldBe(new DateOnly(2025, 12, 31));
        (await app.ScalarAsync<bool>("SELECT jurisdiction_id IS NULL FROM campaigns WHERE code = 'tengzhou-2026'")).ShouldBeTrue();
        (await Document("tengzhou-2026", "policyYear")).ShouldBe("2026");
        (await Document("tengzhou-2026", "campaignId")).ShouldBe("tengzhou-2026");
        (await Document("tengzhou-2026", "jurisdiction")).ShouldBe("滕州市");
        (await Document("tengzhou-2026", "ageReferenceDate")).ShouldBe("2025-12-31");
        (await Document("tengzhou-2026", "individualContribution")).ShouldBe("400");
        (await Document("tengzhou-2026", "notes")).ShouldContain("核对确认");
        await ShouldBeVersionOneAndAuditedAsync("tengzhou-2026", "tengzhou-2025");
        (await PhaseCount("tengzhou-2026")).ShouldBe(0);

        var page = await GetAsync(client, "/campaigns/tengzhou-2026");
        page.QuerySelector("[data-testid=campaign-status]")!.TextContent.ShouldBe("草稿");
        page.QuerySelector("[data-testid=policy-version]")!.TextContent.ShouldBe("1");
    }

    [Fact]
    public async Task A_township_campaign_is_created_from_the_baogou_2022_template_for_that_township()
    {
        var client = await AdminAsync();
        var fields = FieldsOf(await GetAsync(client, "/campaigns/new?template=baogou-2022"), Form);
        var baogouId = await app.ScalarAsync<long>("""
            SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = 'tengzhou' AND j.level = 'township' AND j.name = '鲍沟镇'
            """);
        fields["Input.TownshipId"].ShouldBe(baogouId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields["Input.PolicyYear"] = "2026";
        fields["Input.Code"] = "baogou-2026";

        var created = await client.PostAsync("/campaigns/new", new FormUrlEncodedContent(fields));

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.Location!.AbsolutePath().ShouldBe("/campaigns/baogou-2026");
        (await Column<long>("baogou-2026", "jurisdiction_id")).ShouldBe(baogouId);
        (await Column<string>("baogou-2026", "status")).ShouldBe("draft");
        (await Column<int>("baogou-2026", "policy_year")).ShouldBe(2026);
        (await Column<string>("baogou-2026", "name")).ShouldBe("鲍沟镇2026年度居民基本医疗保险参保征缴");
        // Four years on from the 2022 template: 26 October – 10 December 2025.
        (await Column<DateOnly>("baogou-2026", "window_start")).ShouldBe(new DateOnly(2025, 10, 26));
        (await Column<DateOnly>("baogou-2026", "window_end")).ShouldBe(new DateOnly(2025, 12, 10));
        (await Document("baogou-2026", "jurisdiction")).ShouldBe("鲍沟镇");
        (await Document("baogou-2026", "notes")).ShouldContain("日期已顺延4年");
        await ShouldBeVersionOneAndAuditedAsync("baogou-2026", "baogou-2022");
        (await PhaseCount("baogou-2026")).ShouldBe(0);
    }

    [Fact]
    public async Task The_phases_of_a_template_become_phase_rows_moved_to_the_target_year()
    {
        var client = await AdminAsync();
        var fields = FieldsOf(await GetAsync(client, "/campaigns/new?template=xiaoxue-2020"), Form);
        // 滕州 has no 小雪街道: the whole county is proposed.
        fields["Input.TownshipId"].ShouldBe("");
        fields["Input.PolicyYear"] = "2026";
        fields["Input.Code"] = "xiaoxue-2026";

        (await client.PostAsync("/campaigns/new", new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await Column<string>("xiaoxue-2026", "name")).ShouldBe("滕州市2026年度城乡居民基本医疗保险费集中征缴");
        (await PhaseCount("xiaoxue-2026")).ShouldBe(3);
        (await app.ScalarAsync<string>("""
            SELECT string_agg(p.name || ' ' || p.starts_on || ' ' || p.ends_on, '; ' ORDER BY p.ordinal)
            FROM campaign_phases p JOIN campaigns c ON c.id = p.campaign_id AND c.tenant_id = p.tenant_id WHERE c.code = 'xiaoxue-2026'
            """)).ShouldBe("征缴与录入 2025-11-08 2025-11-25; 扫尾统计 2025-11-26 2025-12-10; 公示验收 2025-12-11 2025-12-20");
        await ShouldBeVersionOneAndAuditedAsync("xiaoxue-2026", "xiaoxue-2020");
    }

    [Theory]
    [InlineData("tengzhou-2025", "本县已有编号为 tengzhou-2025 的征缴活动")]
    [InlineData("Tengzhou 2027", "只能使用小写字母、数字和连字符")]
    [InlineData("-2027", "只能使用小写字母、数字和连字符")]
    [InlineData("new", "系统保留")]
    [InlineData("", "请输入征缴活动编号")]
    public async Task A_taken_or_malformed_code_is_explained_next_to_the_field(string code, string message)
    {
        var client = await AdminAsync();
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM campaigns");
        var fields = FieldsOf(await GetAsync(client, "/campaigns/new?template=tengzhou-2025"), Form);
        fields["Input.Code"] = code;

        var page = await PostedPageAsync(client, fields);

        page.QuerySelector("[data-testid=code-error]")!.TextContent.ShouldContain(message);
        FieldsOf(page, Form)["Input.Code"].ShouldBe(code);
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns")).ShouldBe(before);
    }

    [Fact]
    public async Task A_year_out_of_range_is_explained_next_to_the_field()
    {
        var client = await AdminAsync();
        var fields = FieldsOf(await GetAsync(client, "/campaigns/new?template=tengzhou-2025"), Form);
        fields["Input.PolicyYear"] = "1999";
        fields["Input.Code"] = "tengzhou-1999";

        var page = await PostedPageAsync(client, fields);

        page.QuerySelector("[data-testid=policy-year-error]")!.TextContent.ShouldContain("2000 到 2100");
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'tengzhou-1999'")).ShouldBe(0);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        return client;
    }

    private static async Task<IHtmlDocument> PostedPageAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var response = await client.PostAsync("/campaigns/new", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return Parser.ParseDocument(html);
    }

    private async Task ShouldBeVersionOneAndAuditedAsync(string code, string template)
    {
        (await app.ScalarAsync<string>("""
            SELECT string_agg(v.version || ' ' || v.reason, '; ') FROM campaign_policy_versions v
            JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id WHERE c.code = $1
            """, code)).ShouldStartWith($"1 由政策模板 {template}");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'campaigns' AND action = 'insert' AND after->>'code' = $1", code)).ShouldBe(1);
        (await app.ScalarAsync<string>("SELECT actor FROM audit_log WHERE entity = 'campaigns' AND action = 'insert' AND after->>'code' = $1", code)).ShouldBe("tz-admin");
    }

    private Task<T> Column<T>(string code, string column) => app.ScalarAsync<T>($"SELECT {column} FROM campaigns WHERE code = $1", code);

    private Task<string> Document(string code, string property) => app.ScalarAsync<string>("""
        SELECT v.document->>$2 FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id
        WHERE c.code = $1 AND v.version = 1
        """, code, property);

    private Task<long> PhaseCount(string code) => app.ScalarAsync<long>("""
        SELECT count(*) FROM campaign_phases p JOIN campaigns c ON c.id = p.campaign_id AND c.tenant_id = p.tenant_id WHERE c.code = $1
        """, code);
}
