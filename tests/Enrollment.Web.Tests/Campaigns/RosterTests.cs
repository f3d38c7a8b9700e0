using System.Net;
using AngleSharp.Html.Dom;
using Enrollment.Testing.Web;
using static Enrollment.Web.Tests.Campaigns.Forms;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// Next year's roster from the campaign page: the administrator starts the roll-over, it runs in the background,
/// the section follows it (htmx polls /campaigns/{code}/roster), and the new campaign's enrollments carry the
/// history derived from this year.
/// </summary>
public sealed class RosterTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_administrator_rolls_this_years_roster_into_the_next_year_draft()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        if (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'tengzhou-2026'") == 0)
        {
            await ShouldRedirectAsync(await PostAsync(client, "/campaigns/tengzhou-2025", "next-year", [F("NextYear", "1")]));
        }
        var page = await GetAsync(client, "/campaigns/tengzhou-2026");
        page.QuerySelector("[data-testid=roster-enrolled]")!.TextContent.ShouldBe("0");
        page.QuerySelector("[data-testid=start-roster]")!.TextContent.ShouldContain("滕州市2025年度");

        var started = await PostAsync(client, "/campaigns/tengzhou-2026", "roster", [F("Roster", "1")]);
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await WaitForRosterAsync(client);

        var created = await app.ScalarAsync<long>("""
            SELECT count(*) FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.tenant_id = e.tenant_id WHERE c.code = 'tengzhou-2026'
            """);
        created.ShouldBeGreaterThan(0);
        done.QuerySelector("[data-testid=roster-done]")!.TextContent.ShouldContain($"新增 {created:N0} 人");
        // Those who paid in 2025 continue in 2026.
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.tenant_id = e.tenant_id
            WHERE c.code = 'tengzhou-2026' AND e.history = 'continuing'
            """)).ShouldBeGreaterThan(0);
        (await GetAsync(client, "/campaigns/tengzhou-2026")).QuerySelector("[data-testid=roster-enrolled]")!.TextContent.ShouldBe(created.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("tz-staff")]
    [InlineData("tz-baogou")]
    [InlineData("pb-admin")]
    public async Task Only_the_county_administrator_sees_the_roster_section(string login)
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);

        (await client.GetAsync("/campaigns/tengzhou-2025/roster")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_campaign_without_a_previous_year_offers_no_roll_over()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");

        var section = await GetAsync(client, "/campaigns/tengzhou-2020/roster");

        section.QuerySelector("[data-testid=roster]")!.TextContent.ShouldContain("没有上一年度");
        section.QuerySelector("[data-testid=start-roster]").ShouldBeNull();
    }

    private static async Task<IHtmlDocument> WaitForRosterAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var section = await GetAsync(client, "/campaigns/tengzhou-2026/roster");
            if (section.QuerySelector("[data-testid=roster-running]") is null)
            {
                section.QuerySelector("[data-testid=roster-failed], [data-testid=roster-refused]").ShouldBeNull();
                return section;
            }
            section.QuerySelector("[data-testid=roster]")!.GetAttribute("hx-trigger").ShouldBe("every 3s");
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the roll-over did not finish");
            await Task.Delay(200);
        }
    }
}
