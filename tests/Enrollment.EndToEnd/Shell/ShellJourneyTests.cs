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
        await page.WaitForFunctionAsync("() => document.title.length > 0");
        (await page.TitleAsync()).ShouldBe("首页 · 城乡居民医保参保征缴");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("城乡居民基本医疗保险参保征缴");
        // The circuit connects (Blazor's runtime and MudBlazor's scripts loaded) and the theme applies: the app bar is
        // the bureau's blue, the text in the Chinese font stack.
        await page.WaitForInteractiveAsync();
        (await page.EvaluateAsync<bool>("() => typeof Blazor !== 'undefined'")).ShouldBeTrue();
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header.mud-appbar')).backgroundColor")).ShouldBe("rgb(11, 79, 156)");
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily")).ShouldContain("Microsoft YaHei");
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

        await page.OpenAsync("/");

        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        var toggle = page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "展开或收起导航" });
        (await toggle.IsVisibleAsync()).ShouldBeTrue();
        // Folded at phone width: the drawer is off screen until the menu button opens it.
        (await DrawerRightEdgeAsync(page)).ShouldBeLessThanOrEqualTo(0);
        await toggle.ClickAsync();
        await page.Locator("#main-nav.mud-drawer--open").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#main-nav').getBoundingClientRect().left >= 0");
        (await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "首页" }).IsVisibleAsync()).ShouldBeTrue();
        await Screenshots.SaveAsync(page, "home-phone");
    }

    [Fact]
    public async Task On_a_township_PC_the_drawer_stays_open_beside_the_page()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 1366, height: 768);
        var page = await context.NewPageAsync();

        await page.OpenAsync("/");

        (await DrawerRightEdgeAsync(page)).ShouldBeGreaterThan(100);
        (await page.Locator("#main-nav.mud-drawer--open").CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Working_pages_run_under_the_content_security_policy_without_a_violation()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        // The interactive runtime, MudBlazor's scripts and styles, a select's popover and the reconnect dialog's module.
        await page.OpenAsync("/");
        await page.OpenAsync("/not-found");
        await page.GotoAsync("/account/sign-in");

        refused.ShouldBeEmpty();
        // The reconnect dialog is there, in Chinese, for when the connection drops.
        await page.OpenAsync("/");
        (await page.Locator("#components-reconnect-modal").TextContentAsync())!.ShouldContain("正在重新连接");
    }

    private static Task<double> DrawerRightEdgeAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('#main-nav').getBoundingClientRect().right");
}
