using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Tests.Components;

namespace Enrollment.Web.Tests.Households;

/// <summary>The household page and the resident page's links and change panels, rendered with bUnit on the demo data.</summary>
public sealed class HouseholdComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_household_page_lists_the_head_first_with_masked_numbers_and_offers_the_changes()
    {
        var household = await app.HouseholdAsync("鲍沟镇", 2, 0);
        var head = await app.HeadOfAsync(household);
        var headName = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", head);
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", head);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");

        var page = session.RenderInLayout<HouseholdPage>(new Dictionary<string, object?> { [nameof(HouseholdPage.Id)] = household });

        page.WaitForAssertion(() => page.Find("[data-testid=household-head]").TextContent.ShouldBe(headName), Wait);
        page.FindAll("[data-testid=member-relation]")[0].TextContent.ShouldBe("本人（户主）");
        page.FindAll("[data-testid=member-link]")[0].GetAttribute("href").ShouldBe($"/residents/{head}");
        page.Markup.ShouldNotContain(number);
        page.Markup.ShouldContain(number[..6] + "********" + number[14..]);
        page.Find("[data-testid=household-changes]").ShouldNotBeNull();
        page.Find("[data-testid=add-member]").GetAttribute("href").ShouldEndWith($"&household={household}");
    }

    [Fact]
    public async Task The_resident_page_links_the_household_and_offers_the_edit_and_the_life_events_to_a_clerk()
    {
        var household = await app.HouseholdAsync("鲍沟镇", 2, 1);
        var head = await app.HeadOfAsync(household);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");

        var page = session.RenderInLayout<ResidentPage>(new Dictionary<string, object?> { [nameof(ResidentPage.Id)] = head });

        page.WaitForAssertion(() => page.Find("[data-testid=household-link]").GetAttribute("href").ShouldBe($"/households/{household}"), Wait);
        page.Find("[data-testid=resident-edit]").ShouldNotBeNull();
        page.Find("[data-testid=life-event]").ShouldNotBeNull();
    }
}
