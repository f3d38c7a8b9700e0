using System.Net;
using AngleSharp.Html.Parser;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Accounts;

/// <summary>
/// Every role × scope rule of the permission table (Features/Accounts/Permissions.cs; docs/security.md) on the demo data, through the real pipeline and the real database: own
/// subtree allowed, sibling township 404, other tenant 404, the system administrator sees no residents.
/// </summary>
public sealed class DemoRoleTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly HtmlParser Parser = new();

    [Theory]
    [InlineData("admin", "系统管理员工作台", "tenants")]
    [InlineData("tz-admin", "县医保局管理员工作台", "township-progress")]
    [InlineData("tz-staff", "县医保局工作人员工作台", "township-progress")]
    [InlineData("tz-finance", "财政工作人员工作台", "subsidy-summary")]
    [InlineData("tz-baogou", "镇街医保办经办人工作台", "village-progress")]
    [InlineData("tz-baogou-cun", "村（社区）征缴员工作台", "village-progress")]
    public async Task Each_demo_role_lands_on_its_home(string login, string title, string table)
    {
        var client = app.NewClient();
        var signIn = await DemoApp.SignInAsync(client, login);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.AbsolutePath().ShouldBe("/");

        var home = Parser.ParseDocument(await client.GetStringAsync("/"));
        home.QuerySelector("[data-testid=home-title]")!.TextContent.ShouldBe(title);
        home.QuerySelector($"[data-testid={table}]").ShouldNotBeNull();
    }

    [Fact]
    public async Task County_staff_see_every_township_in_official_order()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-staff");
        var home = Parser.ParseDocument(await client.GetStringAsync("/"));

        var townships = home.QuerySelectorAll("[data-testid=township-progress] tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        townships.Count.ShouldBe(21);
        townships[0].ShouldBe("鲍沟镇");
        townships[1].ShouldBe("滨湖镇");
        townships[^1].ShouldBe("善南街道");
    }

    [Fact]
    public async Task A_township_clerk_sees_only_villages_of_their_township()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var villages = Parser.ParseDocument(await client.GetStringAsync("/"))
            .QuerySelectorAll("[data-testid=village-progress] tbody tr").Length;
        var baogouVillages = await app.ScalarAsync<long>("""
            SELECT count(*) FROM jurisdictions v JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            WHERE t.name = '鲍沟镇' AND v.level = 'village'
            """);

        villages.ShouldBe((int)baogouVillages);
        villages.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("tz-baogou", "鲍沟镇", false, HttpStatusCode.OK)]
    [InlineData("tz-baogou", "滨湖镇", false, HttpStatusCode.NotFound)]
    [InlineData("tz-binhu", "滨湖镇", false, HttpStatusCode.OK)]
    [InlineData("tz-binhu", "鲍沟镇", false, HttpStatusCode.NotFound)]
    [InlineData("tz-baogou-cun", "鲍沟镇", false, HttpStatusCode.OK)]
    [InlineData("tz-baogou-cun", "鲍沟镇", true, HttpStatusCode.NotFound)]
    [InlineData("tz-staff", "滨湖镇", false, HttpStatusCode.OK)]
    [InlineData("tz-admin", "鲍沟镇", false, HttpStatusCode.OK)]
    [InlineData("pb-admin", "鲍沟镇", false, HttpStatusCode.NotFound)]
    [InlineData("qf-xiaoxue", "滨湖镇", false, HttpStatusCode.NotFound)]
    [InlineData("admin", "鲍沟镇", false, HttpStatusCode.NotFound)]
    [InlineData("tz-finance", "鲍沟镇", false, HttpStatusCode.NotFound)]
    public async Task Resident_pages_follow_role_and_scope(string login, string township, bool lastVillage, HttpStatusCode expected)
    {
        var residentId = await app.ResidentOfAsync(township, lastVillage);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);

        var response = await client.GetAsync($"/residents/{residentId}");

        response.StatusCode.ShouldBe(expected);
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        if (expected == HttpStatusCode.NotFound)
        {
            // Indistinguishable from an id that does not exist.
            page.QuerySelector("h1")!.TextContent.ShouldBe("页面不存在");
            var missing = await client.GetAsync("/residents/999999999");
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        else
        {
            page.QuerySelector("[data-testid=citizen-id]")!.TextContent.ShouldContain("********");
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var response = await app.NewClient().GetAsync($"/residents/{residentId}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain($"/account/sign-in?returnUrl=%2Fresidents%2F{residentId}");
    }

    [Fact]
    public async Task Revealing_a_full_ID_number_is_logged_with_who_saw_it()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var page = await client.GetStringAsync($"/residents/{residentId}");
        var token = Parser.ParseDocument(page).QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var revealed = await client.PostAsync($"/residents/{residentId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "reveal-id",
        }));

        var fullId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var birth = $"{fullId.Substring(6, 4)}-{fullId.Substring(10, 2)}-{fullId.Substring(12, 2)}";
        // Masked, the page hides the birth date too: the eight hidden digits are exactly that date.
        var masked = Parser.ParseDocument(page);
        masked.QuerySelector("[data-testid=citizen-id]")!.TextContent.ShouldBe(fullId[..6] + "********" + fullId[14..]);
        page.ShouldNotContain(birth);
        page.ShouldNotContain(fullId.Substring(6, 8));
        var full = Parser.ParseDocument(await revealed.Content.ReadAsStringAsync());
        full.QuerySelector("[data-testid=citizen-id]")!.TextContent.ShouldBe(fullId);
        full.QuerySelector("[data-testid=birth-date]")!.TextContent.ShouldBe(birth);
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'view' AND actor = 'tz-baogou' AND entity = 'residents' AND (entity_key->>'id')::bigint = $1",
            residentId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_reveal_form_posted_for_a_resident_outside_the_scope_answers_404_like_a_missing_one()
    {
        var own = await app.ResidentOfAsync("鲍沟镇");
        var other = await app.ResidentOfAsync("滨湖镇");
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var token = Parser.ParseDocument(await client.GetStringAsync($"/residents/{own}"))
            .QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var id in new[] { other, 999_999_999L })
        {
            var response = await client.PostAsync($"/residents/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "reveal-id",
            }));

            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var body = await response.Content.ReadAsStringAsync();
            body.ShouldContain("页面不存在", customMessage: body);
        }
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'view' AND (entity_key->>'id')::bigint = $1", other)).ShouldBe(0);
    }
}
