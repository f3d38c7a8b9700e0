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
}
