using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Search;

/// <summary>
/// 查找人员 from the app bar: a township clerk at the office PC types a name in the bar's box and opens the person;
/// a village collector on a 360 px phone opens the search from the bar's icon and finds someone of their village.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task A_clerk_searches_a_name_from_the_app_bar_and_opens_the_person()
    {
        var residentId = await app.NthResidentOfAsync("鲍沟镇", 2);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");
        await page.OpenAsync("/transfers");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "查找人员" }).FillAsync(name);
        await page.Keyboard.PressAsync("Enter");

        var link = page.Locator("[data-testid=search-results] [data-testid=person-link]", new() { HasText = name }).First;
        await link.WaitForAsync();
        (await page.Locator("[data-testid=search-summary]").InnerTextAsync()).ShouldStartWith("按姓名查找");
        var html = await page.ContentAsync();
        html.ShouldNotContain(number);
        html.ShouldContain(number[..6] + "********" + number[14..]);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "search-results");

        await page.Locator("[data-testid=search-results] tr", new() { Has = page.Locator($"a[href='/residents/{residentId}']") })
            .Locator("[data-testid=person-link]").ClickAsync();
        await page.Locator("[data-testid=resident-name]", new() { HasText = name }).WaitForAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe($"/residents/{residentId}");
    }

    [Fact]
    public async Task A_village_collector_on_a_phone_opens_the_search_from_the_app_bar()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 360, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou-cun");

        // At phone width the box gives way to an icon in the bar.
        (await page.Locator("[data-testid=app-search]").IsVisibleAsync()).ShouldBeFalse();
        await page.Locator("[data-testid=app-search-open]").ClickAsync();
        await page.ArriveWhereAsync("/search", url => url.AbsolutePath == "/search");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("身份证号码、姓名、户号或电话号码").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();

        await page.Locator("[data-testid=person-link]", new() { HasText = name }).First.WaitForAsync();
        var village = await app.ScalarAsync<string>("SELECT v.name FROM residents r JOIN jurisdictions v ON v.id = r.village_id WHERE r.id = $1", residentId);
        (await page.Locator("[data-testid=person-place]").AllInnerTextsAsync()).ShouldAllBe(place => place.Trim() == $"鲍沟镇 {village}");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "search-phone");

        await page.Locator($"a[href='/residents/{residentId}']").First.ClickAsync();
        await page.Locator("[data-testid=resident-name]", new() { HasText = name }).WaitForAsync();
    }
}
