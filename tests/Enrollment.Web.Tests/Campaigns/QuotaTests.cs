using System.Net;
using AngleSharp.Html.Dom;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns.Quotas;
using static Enrollment.Web.Tests.Campaigns.Forms;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// Quotas per township and per village, edited by the county administrator, each change kept with who, when and
/// why. The class shares one demo database, so each test works in a township of its own.
/// </summary>
public sealed class QuotaTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string List = "/campaigns/tengzhou-2025/quotas";

    [Fact]
    public async Task A_quota_change_needs_a_reason_and_is_kept_in_the_history()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        var page = await GetAsync(client, List);
        var fields = FieldsOf(page, "[data-testid=quota-form]");
        var target = page.QuerySelector("[data-testid=quota-鲍沟镇] input[name$='.Target']")!.GetAttribute("name")!;
        fields[target] = "54321";
        fields["_handler"] = "quotas";

        var noReason = Parser.ParseDocument(await (await client.PostAsync(List, new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        noReason.QuerySelector("[data-testid=quota-error]")!.TextContent.ShouldContain("原因");

        fields["Input.Reason"] = "11月单独下发任务数";
        var saved = await client.PostAsync(List, new FormUrlEncodedContent(fields));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.ScalarAsync<int>("""
            SELECT q.target FROM quotas q JOIN campaigns c ON c.id = q.campaign_id AND c.tenant_id = q.tenant_id
            JOIN jurisdictions j ON j.id = q.jurisdiction_id AND j.tenant_id = q.tenant_id WHERE c.code = 'tengzhou-2025' AND j.name = '鲍沟镇'
            """)).ShouldBe(54321);
        // The 2025 quotas were generated examples (示例); one the administrator set is not.
        (await app.ScalarAsync<bool>("""
            SELECT q.is_demo FROM quotas q JOIN campaigns c ON c.id = q.campaign_id AND c.tenant_id = q.tenant_id
            JOIN jurisdictions j ON j.id = q.jurisdiction_id AND j.tenant_id = q.tenant_id WHERE c.code = 'tengzhou-2025' AND j.name = '鲍沟镇'
            """)).ShouldBeFalse();
        (await app.ScalarAsync<bool>("""
            SELECT q.is_demo FROM quotas q JOIN campaigns c ON c.id = q.campaign_id AND c.tenant_id = q.tenant_id
            JOIN jurisdictions j ON j.id = q.jurisdiction_id AND j.tenant_id = q.tenant_id WHERE c.code = 'tengzhou-2025' AND j.name = '滨湖镇'
            """)).ShouldBeTrue();
        var history = await GetAsync(client, List);
        history.QuerySelector("[data-testid=quota-history] tbody tr")!.TextContent.ShouldContain("11月单独下发任务数");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'quota_changes' AND action = 'insert' AND after->>'reason' = '11月单独下发任务数'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_townships_villages_are_edited_in_official_order_and_their_sum_is_compared_with_its_quota()
    {
        var client = await AdminAsync();
        var township = await TownshipIdAsync("tengzhou", "滨湖镇");
        var villages = await VillagesAsync(township);
        var list = await GetAsync(client, List);
        var row = list.QuerySelector("[data-testid=quota-滨湖镇]")!;
        row.QuerySelector("a")!.GetAttribute("href").ShouldBe($"{List}/{township}");
        row.QuerySelector("[data-testid=village-allocation]")!.TextContent.ShouldContain($"已分配到村 0/{villages.Count} 个");
        row.TextContent.ShouldContain("示例");

        var url = $"{List}/{township}";
        var page = await GetAsync(client, url);
        page.QuerySelectorAll("[data-testid=quota-form] tbody tr label").Select(l => l.TextContent).ShouldBe(villages);
        page.QuerySelector("[data-testid=allocation-none]").ShouldNotBeNull();
        var fields = FormOf(page, "village-quotas");
        fields[TargetOf(page, villages[0])] = "1200";
        fields[TargetOf(page, villages[1])] = "３４５";     // full-width digits from a Chinese IME
        fields["Input.Reason"] = "镇政府分解下达到村";

        var saved = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().ShouldEndWith($"{url}?saved=2");
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM quota_changes c JOIN quotas q ON q.tenant_id = c.tenant_id AND q.id = c.quota_id
            JOIN jurisdictions v ON v.tenant_id = q.tenant_id AND v.id = q.jurisdiction_id
            WHERE v.parent_id = $1 AND c.reason = '镇政府分解下达到村' AND c.previous_target IS NULL AND c.new_target IN (1200, 345)
              AND c.changed_by_user_id = (SELECT id FROM user_accounts WHERE login = 'tz-admin')
            """, township)).ShouldBe(2);

        var after = await GetAsync(client, $"{url}?saved=2");
        after.QuerySelector("[data-testid=quotas-saved]")!.TextContent.ShouldContain("已调整 2 项");
        var latest = after.QuerySelector("[data-testid=quota-history] tbody tr")!.TextContent;
        latest.ShouldContain("镇政府分解下达到村");
        latest.ShouldContain("滕州市医保局管理员（示例）");
        var townshipTarget = await QuotaOfAsync(township);
        after.QuerySelector("[data-testid=allocation-warning]")!.TextContent
            .ShouldContain($"分配到村的任务数合计 1,545 人，与镇街任务数 {townshipTarget:N0} 人不一致");
        after.QuerySelector("[data-testid=allocation-summary]")!.TextContent.ShouldContain($"2/{villages.Count} 个村已设置");

        var listAfter = (await GetAsync(client, List)).QuerySelector("[data-testid=quota-滨湖镇]")!;
        listAfter.QuerySelector("[data-testid=village-allocation]")!.TextContent.ShouldContain($"已分配到村 2/{villages.Count} 个，合计 1,545 人");
        listAfter.QuerySelector("[data-testid=allocation-differs]").ShouldNotBeNull();
    }

    [Fact]
    public async Task Bad_targets_are_explained_in_Chinese_kept_in_the_form_and_nothing_is_saved()
    {
        var client = await AdminAsync();
        var township = await TownshipIdAsync("tengzhou", "东郭镇");
        var villages = await VillagesAsync(township);
        var url = $"{List}/{township}";
        var page = await GetAsync(client, url);
        var fields = FormOf(page, "village-quotas");
        fields[TargetOf(page, villages[0])] = "12o0";
        fields[TargetOf(page, villages[1])] = "-5";
        fields[TargetOf(page, villages[2])] = "12.5";

        var refused = await PostFormAsync(client, url, fields);
        var error = refused.QuerySelector("[data-testid=quota-error]")!.TextContent;
        error.ShouldContain($"{villages[0]}：“12o0”不是有效的人数");
        error.ShouldContain($"{villages[1]}：任务数不能为负数");
        error.ShouldContain($"{villages[2]}：任务数是人数，须为整数");
        error.ShouldContain("请填写调整原因");
        var typed = refused.QuerySelector($"[data-testid='quota-{villages[0]}'] input[name$='.Target']")!;
        typed.GetAttribute("value").ShouldBe("12o0");
        typed.ClassList.ShouldContain("is-invalid");
        refused.GetElementById(typed.GetAttribute("aria-describedby")!)!.TextContent.ShouldContain("不是有效的人数");
        refused.QuerySelectorAll("[data-testid=target-error]").Length.ShouldBe(3);

        var untouched = FormOf(page, "village-quotas");
        untouched["Input.Reason"] = "核对";
        (await PostFormAsync(client, url, untouched)).QuerySelector("[data-testid=quota-error]")!.TextContent.ShouldContain("没有需要保存的调整");

        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM quotas q JOIN jurisdictions v ON v.tenant_id = q.tenant_id AND v.id = q.jurisdiction_id WHERE v.parent_id = $1
            """, township)).ShouldBe(0);
    }

    [Fact]
    public async Task A_form_opened_before_someone_elses_save_is_refused_instead_of_undoing_it()
    {
        var (first, second) = (await AdminAsync(), await AdminAsync());
        var township = await TownshipIdAsync("tengzhou", "柴胡店镇");
        var villages = await VillagesAsync(township);
        var url = $"{List}/{township}";
        var setup = await GetAsync(first, url);
        var initial = FormOf(setup, "village-quotas");
        initial[TargetOf(setup, villages[0])] = "100";
        initial["Input.Reason"] = "首次分解";
        (await first.PostAsync(url, new FormUrlEncodedContent(initial))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var mine = await GetAsync(first, url);
        var theirs = await GetAsync(second, url);
        var mineFields = FormOf(mine, "village-quotas");
        mineFields[TargetOf(mine, villages[0])] = "150";
        mineFields["Input.Reason"] = "镇里追加";
        (await first.PostAsync(url, new FormUrlEncodedContent(mineFields))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The second form still shows 100 for the first village; saving it as it is would put 100 back.
        var theirFields = FormOf(theirs, "village-quotas");
        theirFields[TargetOf(theirs, villages[1])] = "80";
        theirFields["Input.Reason"] = "另一人调整";
        var refused = await PostFormAsync(second, url, theirFields);
        refused.QuerySelector("[data-testid=quota-error]")!.TextContent.ShouldContain($"{villages[0]}的任务数刚刚被其他人调整过");
        refused.QuerySelector($"[data-testid='quota-{villages[0]}'] input[name$='.Target']")!.GetAttribute("value").ShouldBe("150");
        refused.QuerySelector($"[data-testid='quota-{villages[1]}'] input[name$='.Target']")!.GetAttribute("value").ShouldBe("80");
        (await app.ScalarAsync<int>("SELECT target FROM quotas WHERE jurisdiction_id = $1", await VillageIdAsync(township, villages[0]))).ShouldBe(150);

        // Saving again from the refreshed form goes through.
        var retry = FormOf(refused, "village-quotas");
        retry["Input.Reason"] = "另一人调整";
        (await second.PostAsync(url, new FormUrlEncodedContent(retry))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync<int>("SELECT target FROM quotas WHERE jurisdiction_id = $1", await VillageIdAsync(township, villages[1]))).ShouldBe(80);
    }

    [Fact]
    public async Task A_clerk_cannot_open_the_quota_pages()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var baogou = await TownshipIdAsync("tengzhou", "鲍沟镇");

        (await client.GetAsync(List)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{List}/{baogou}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_countys_township_a_village_or_a_township_campaign_answers_404()
    {
        var baogou = await TownshipIdAsync("tengzhou", "鲍沟镇");
        var pubei = await TownshipIdAsync("pubei", "泉水镇");
        var village = await VillageIdAsync(baogou, (await VillagesAsync(baogou))[0]);
        var admin = await AdminAsync();
        foreach (var url in new[] { $"{List}/{pubei}", $"{List}/{village}", $"{List}/999999999", $"/campaigns/baogou-2022/quotas/{baogou}" })
        {
            (await admin.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        var otherCounty = app.NewClient();
        await DemoApp.SignInAsync(otherCounty, "pb-admin");
        (await otherCounty.GetAsync($"{List}/{baogou}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherCounty.GetAsync($"/campaigns/pubei-2020/quotas/{baogou}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A post naming the foreign township is refused the same way, and writes nothing.
        var token = TokenOf(await GetAsync(admin, $"{List}/{baogou}"));
        var post = await admin.PostAsync($"{List}/{pubei}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "village-quotas", ["Input.Reason"] = "越权",
            ["Input.Targets[0].JurisdictionId"] = pubei.ToString(), ["Input.Targets[0].Target"] = "1",
        }));
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ScalarAsync<long>("SELECT count(*) FROM quota_changes WHERE reason = '越权'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_township_campaign_lists_its_villages_under_their_groupings_in_official_order()
    {
        // The demo has no 曲阜 administrator: one like tz-admin, in 曲阜, with the same password.
        await app.ScalarAsync<long>("""
            INSERT INTO user_accounts (tenant_id, login, display_name, password_hash, role, is_active, must_change_password)
            SELECT (SELECT id FROM tenants WHERE code = 'qufu'), 'qf-admin-quotas', '曲阜市医保局管理员（测试）', password_hash, role, true, false
            FROM user_accounts WHERE login = 'tz-admin' RETURNING id
            """);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "qf-admin-quotas");

        var page = await GetAsync(client, "/campaigns/xiaoxue-2020/quotas");
        page.QuerySelectorAll("[data-testid=quota-grouping]").Select(g => g.TextContent).ShouldBe(["小雪管区", "北兴管区", "凫村管区", "三合管区", "白杨管区"]);
        var xiaoxue = await TownshipIdAsync("qufu", "小雪街道");
        var expected = await app.ScalarAsync<string>("""
            SELECT string_agg(v.name, '|' ORDER BY g.display_order, v.display_order, v.id) FROM jurisdictions v
            JOIN jurisdictions g ON g.tenant_id = v.tenant_id AND g.id = v.parent_id AND g.level = 'grouping'
            WHERE g.parent_id = $1 AND v.level = 'village'
            """, xiaoxue);
        page.QuerySelectorAll("[data-testid=quota-form] tbody tr label").Select(l => l.TextContent).ShouldBe(expected.Split('|'));
        page.QuerySelector("[data-testid=quota-form] tbody tr:not([data-testid=quota-grouping])")!.TextContent.ShouldContain("示例");
        page.QuerySelectorAll("[data-testid=quota-form] a").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1200", 1200)]
    [InlineData(" １２３ ", 123)]
    [InlineData("12,345", 12345)]
    [InlineData("12，345", 12345)]
    [InlineData("0", 0)]
    public void Targets_are_read_as_people_type_them(string text, int expected) =>
        QuotaTarget.Parse(text).ShouldBe(new ParsedTarget(ParsedTargetKind.Number, expected));

    [Theory]
    [InlineData("-5", "负数")]
    [InlineData("－5", "负数")]
    [InlineData("12.5", "整数")]
    [InlineData("1,23", "不是有效的人数")]
    [InlineData("一百", "不是有效的人数")]
    [InlineData("99999999999", "过大")]
    public void Bad_targets_say_why(string text, string why) =>
        QuotaTarget.Parse(text).Error!.ShouldContain(why);

    private async Task<HttpClient> AdminAsync()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        return client;
    }

    private static Dictionary<string, string> FormOf(IHtmlDocument page, string handler)
    {
        var fields = FieldsOf(page, "[data-testid=quota-form]");
        fields["_handler"] = handler;
        return fields;
    }

    private static string TargetOf(IHtmlDocument page, string place) =>
        page.QuerySelector($"[data-testid='quota-{place}'] input[name$='.Target']")!.GetAttribute("name")!;

    private static async Task<IHtmlDocument> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return Parser.ParseDocument(html);
    }

    private Task<long> TownshipIdAsync(string tenant, string name) => app.ScalarAsync<long>("""
        SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = $1 AND j.level = 'township' AND j.name = $2
        """, tenant, name);

    private async Task<List<string>> VillagesAsync(long township) => [.. (await app.ScalarAsync<string>("""
        SELECT string_agg(name, '|' ORDER BY display_order, id) FROM jurisdictions WHERE parent_id = $1 AND level = 'village'
        """, township)).Split('|')];

    private Task<long> VillageIdAsync(long township, string name) =>
        app.ScalarAsync<long>("SELECT id FROM jurisdictions WHERE parent_id = $1 AND name = $2", township, name);

    private Task<int> QuotaOfAsync(long jurisdiction) => app.ScalarAsync<int>("""
        SELECT q.target FROM quotas q JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id
        WHERE c.code = 'tengzhou-2025' AND q.jurisdiction_id = $1
        """, jurisdiction);
}
