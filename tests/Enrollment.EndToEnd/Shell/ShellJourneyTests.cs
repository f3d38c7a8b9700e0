namespace Enrollment.EndToEnd.Shell;

[Collection(BrowserCollection.Name)]
public sealed class ShellJourneyTests(BrowserFixture browser, KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task Home_page_loads_in_Chinese_with_its_styles_and_scripts()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var failedRequests = new List<string>();
        page.RequestFailed += (_, request) => failedRequests.Add(request.Url);
        page.Response += (_, response) => { if (response.Status >= 400) failedRequests.Add($"{response.Status} {response.Url}"); };

        var response = await page.GotoAsync("/");

        response!.Status.ShouldBe(200);
        (await page.TitleAsync()).ShouldBe("首页 · 城乡居民医保参保征缴");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("城乡居民基本医疗保险参保征缴");
        (await page.EvaluateAsync<bool>("() => typeof htmx !== 'undefined'")).ShouldBeTrue();
        // Bootstrap and site styles applied: the header is the site blue.
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header')).backgroundColor")).ShouldBe("rgb(11, 79, 156)");
        failedRequests.ShouldBeEmpty();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "home-desktop");
    }

    [Fact]
    public async Task Unknown_address_shows_the_Chinese_404_page_with_a_way_home()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/no-such-page/123456");

        response!.Status.ShouldBe(404);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("页面不存在");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "返回首页" }).ClickAsync();
        await page.ArriveAtAsync("/");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("城乡居民基本医疗保险参保征缴");
        await Screenshots.SaveAsync(page, "not-found");
    }

    [Fact]
    public async Task At_phone_width_the_page_fits_and_the_menu_folds()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        (await page.Locator("button.navbar-toggler").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("#main-nav").IsVisibleAsync()).ShouldBeFalse();
        await page.Locator("button.navbar-toggler").ClickAsync();
        await page.Locator("#main-nav").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible });
        await Screenshots.SaveAsync(page, "home-phone");
    }
}
