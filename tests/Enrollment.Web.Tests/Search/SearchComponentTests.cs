using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.ResidentLists;
using Enrollment.Web.Features.Search;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.Search;

/// <summary>The search page, the app bar's box and a village's list rendered with bUnit on the demo data.</summary>
public sealed class SearchComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_search_page_lists_people_masked_with_links_to_their_pages()
    {
        var residentId = await app.NthResidentOfAsync("鲍沟镇", 4);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        session.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/search?q={Uri.EscapeDataString(name)}");

        var page = session.RenderInLayout<SearchPage>();

        page.WaitForAssertion(() => page.FindAll($"a[href='/residents/{residentId}']").ShouldNotBeEmpty(), Wait);
        page.Find("[data-testid=search-summary]").TextContent.ShouldStartWith("按姓名查找");
        page.Markup.ShouldContain(number[..6] + "********" + number[14..]);
        page.Markup.ShouldNotContain(number);
        // The villages to narrow by load beside the results: on a busy machine they may arrive a render later.
        page.WaitForAssertion(() => page.FindAll("[data-testid=filter-village]").ShouldNotBeEmpty(), Wait);
    }

    [Fact]
    public async Task Text_that_cannot_be_searched_for_is_explained_above_the_grid()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        session.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/search?q=12345678901234567");

        var page = session.RenderInLayout<SearchPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=search-problem]").TextContent.ShouldContain("身份证"), Wait);
    }

    [Fact]
    public async Task The_app_bar_box_is_there_for_readers_of_residents_only()
    {
        await using (var clerk = await ComponentSession.StartAsync(app, "tz-baogou"))
        {
            var box = clerk.Render<SearchBox>();
            box.Find("form[data-testid=app-search]").GetAttribute("action").ShouldBe("/search");
            box.Find("input[name=q]").ShouldNotBeNull();
            box.Find("[data-testid=app-search-open]").GetAttribute("href").ShouldBe("/search");
        }
        await using var finance = await ComponentSession.StartAsync(app, "tz-finance");
        finance.Render<SearchBox>().FindAll("[data-testid=app-search]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_villages_list_offers_its_export_and_counts_its_people()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var people = await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE village_id = $1", village);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou-cun");

        var page = session.RenderInLayout<VillageRosterPage>(new Dictionary<string, object?> { [nameof(VillageRosterPage.Id)] = village });

        page.WaitForAssertion(() => page.Find("[data-testid=roster-count]").TextContent.ShouldBe($"共 {people:N0} 人"), Wait);
        page.Find("[data-testid=roster-export]").GetAttribute("href").ShouldBe($"/rosters/villages/{village}/residents.xlsx");
        page.FindAll("[data-testid=person-link]").ShouldNotBeEmpty();
    }
}
