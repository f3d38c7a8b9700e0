using System.Net;
using AngleSharp.Html.Parser;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.NewCampaign;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// A new campaign from a shipped policy template, through the page's command: settings copied, dates moved to the
/// target year, a draft at policy version 1, audited; the code checked; only the county administrator, and only
/// within their own county.
/// </summary>
public sealed class NewCampaignTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Theory]
    [InlineData("tz-baogou")]
    [InlineData("tz-staff")]
    [InlineData("tz-finance")]
    public async Task Other_roles_of_the_county_neither_open_the_page_nor_create_a_campaign(string login)
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);
        (await client.GetAsync("/campaigns/new?template=tengzhou-2025")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var session = await app.SessionAsync(login);
        var commands = session.Get<NewCampaignCommands>();
        await Should.ThrowAsync<OperationRefusedException>(() => commands.SetupAsync());
        await Should.ThrowAsync<OperationRefusedException>(() => commands.CreateAsync(new NewCampaignForm { Template = "tengzhou-2025", PolicyYear = 2030, Code = "sneaky-2030" }));
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'sneaky-2030'")).ShouldBe(0);
    }

    [Fact]
    public async Task Another_countys_administrator_cannot_place_a_campaign_in_this_countys_township()
    {
        var baogou = await BaogouIdAsync();
        await using var session = await app.SessionAsync("pb-admin");

        var answer = await session.Get<NewCampaignCommands>().CreateAsync(
            new NewCampaignForm { Template = "baogou-2022", PolicyYear = 2031, Code = "foreign-2031", TownshipId = baogou });

        answer.Code.ShouldBeNull();
        answer.Errors[nameof(NewCampaignForm.TownshipId)].ShouldBe("请选择本县的镇（街道），或选择全县。");
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'foreign-2031'")).ShouldBe(0);
        // Their own form offers their own townships only.
        (await session.Get<NewCampaignCommands>().SetupAsync()).Townships.ShouldNotContain(t => t.Id == baogou);
    }

    [Fact]
    public async Task The_list_links_to_the_page_which_shows_the_five_templates()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        var parser = new HtmlParser();

        var list = parser.ParseDocument(await client.GetStringAsync("/campaigns"));
        var page = parser.ParseDocument(await client.GetStringAsync("/campaigns/new"));
        var unknown = parser.ParseDocument(await client.GetStringAsync("/campaigns/new?template=no-such-template"));

        list.QuerySelector("a[data-testid=new-campaign]")!.GetAttribute("href").ShouldBe("/campaigns/new");
        var templates = page.QuerySelectorAll("[data-testid=templates] [data-template]").Select(t => t.GetAttribute("data-template")).ToList();
        templates.ShouldBe(["tengzhou-2025", "baogou-2022", "pubei-2020", "tengzhou-2020", "xiaoxue-2020"], ignoreOrder: true);
        var baogou = page.QuerySelector("[data-template=baogou-2022]")!.TextContent;
        baogou.ShouldContain("鲍沟镇2022年度居民基本医疗保险参保征缴");
        baogou.ShouldContain("鲍政发〔2021〕21号");
        baogou.ShouldNotContain("seed");
        baogou.ShouldContain("医保年度 2022");
        baogou.ShouldContain("滕州市鲍沟镇");
        page.QuerySelector("[data-testid=new-campaign-form]").ShouldBeNull();
        unknown.QuerySelector("[data-testid=unknown-template]")!.TextContent.ShouldContain("未找到政策模板");
        unknown.QuerySelector("[data-testid=new-campaign-form]").ShouldBeNull();
    }

    [Fact]
    public async Task The_form_suggests_the_year_after_the_latest_campaign_and_the_template_township()
    {
        var next = await app.ScalarAsync<int>("SELECT max(c.policy_year) + 1 FROM campaigns c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'tengzhou'");
        await using var session = await app.SessionAsync("tz-admin");

        var setup = await session.Get<NewCampaignCommands>().SetupAsync();

        setup.DefaultYear.ShouldBe(next);
        setup.CountyName.ShouldBe("滕州市");
        setup.Townships.Select(t => t.Name).ShouldBe(await app.TownshipsAsync());
        NewCampaignHandler.SuggestedCode(PolicyTemplates.Find("baogou-2022")!, next).ShouldBe($"baogou-{next}");
        NewCampaignHandler.MatchingTownship(setup.Townships, PolicyTemplates.Find("baogou-2022")!)!.Name.ShouldBe("鲍沟镇");
        NewCampaignHandler.MatchingTownship(setup.Townships, PolicyTemplates.Find("tengzhou-2025")!).ShouldBeNull();
        // 滕州 has no 小雪街道: the whole county is proposed.
        NewCampaignHandler.MatchingTownship(setup.Townships, PolicyTemplates.Find("xiaoxue-2020")!).ShouldBeNull();
    }

    [Fact]
    public async Task A_county_campaign_is_created_from_the_tengzhou_2025_template_as_a_draft()
    {
        var answer = await CreateAsync(new NewCampaignForm { Template = "tengzhou-2025", PolicyYear = 2026, Code = "tengzhou-2026" });

        answer.Code.ShouldBe("tengzhou-2026");
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

        await using var session = await app.SessionAsync("tz-admin");
        var view = (await session.Get<CampaignQueries>().CampaignAsync("tengzhou-2026"))!;
        view.Status.ShouldBe(Data.Entities.CampaignStatus.Draft);
        view.Version.ShouldBe(1);
        view.Township.ShouldBeNull();
    }

    [Fact]
    public async Task A_township_campaign_is_created_from_the_baogou_2022_template_for_that_township()
    {
        var baogou = await BaogouIdAsync();

        var answer = await CreateAsync(new NewCampaignForm { Template = "baogou-2022", PolicyYear = 2026, Code = "baogou-2026", TownshipId = baogou });

        answer.Code.ShouldBe("baogou-2026");
        (await Column<long>("baogou-2026", "jurisdiction_id")).ShouldBe(baogou);
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
        var answer = await CreateAsync(new NewCampaignForm { Template = "xiaoxue-2020", PolicyYear = 2026, Code = "xiaoxue-2026" });

        answer.Code.ShouldBe("xiaoxue-2026");
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
    public async Task A_taken_or_malformed_code_is_refused_with_its_reason(string code, string message)
    {
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM campaigns");

        var answer = await CreateAsync(new NewCampaignForm { Template = "tengzhou-2025", PolicyYear = 2027, Code = code });

        answer.Code.ShouldBeNull();
        answer.Errors[nameof(NewCampaignForm.Code)].ShouldContain(message);
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns")).ShouldBe(before);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public async Task A_year_out_of_range_is_refused_with_its_reason(int year)
    {
        var answer = await CreateAsync(new NewCampaignForm { Template = "tengzhou-2025", PolicyYear = year, Code = $"tengzhou-{year}" });

        answer.Errors[nameof(NewCampaignForm.PolicyYear)].ShouldBe("医保年度应在 2000 到 2100 之间。");
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = $1", $"tengzhou-{year}")).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_template_is_refused()
    {
        var answer = await CreateAsync(new NewCampaignForm { Template = "no-such-template", PolicyYear = 2027, Code = "unknown-2027" });

        answer.Errors[nameof(NewCampaignForm.Template)].ShouldBe("未找到该政策模板，请从列表中选择。");
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'unknown-2027'")).ShouldBe(0);
    }

    private async Task<NewCampaignAnswer> CreateAsync(NewCampaignForm form)
    {
        await using var session = await app.SessionAsync("tz-admin");
        return await session.Get<NewCampaignCommands>().CreateAsync(form);
    }

    private Task<long> BaogouIdAsync() => app.ScalarAsync<long>("""
        SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = 'tengzhou' AND j.level = 'township' AND j.name = '鲍沟镇'
        """);

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
