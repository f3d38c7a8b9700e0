using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Circuits;

/// <summary>
/// An open page is a circuit that sends no HTTP requests: it must still end when the session ends — signed out
/// elsewhere, disabled by an administrator, or idle — and stay alive while someone works in it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionJourneyTests(BrowserFixture browser, ShortSessionApp app) : IClassFixture<ShortSessionApp>
{
    [Fact]
    public async Task Signing_out_in_another_tab_ends_the_open_page_within_the_revalidation_interval()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var working = await context.NewPageAsync();
        await working.SignInAsync("tz-binhu");
        await working.OpenAsync("/transfers");

        var other = await context.NewPageAsync();
        await other.OpenAsync("/");
        await other.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        // Its own circuit may notice the ended session first and add why (?reason=ended): either way it is signed out.
        await other.ArriveWhereAsync("/account/sign-in", url => url.AbsolutePath == "/account/sign-in");

        // The first tab's circuit notices on its next revalidation and goes to the sign-in page (or, when a slow
        // machine dropped its connection first, the reload lands there): either way the page says the session ended.
        await working.ArriveWhereAsync("/account/sign-in", url => url.AbsolutePath == "/account/sign-in", 30_000);
        (await working.Locator("[data-testid=sign-in-reason]").InnerTextAsync()).ShouldContain("登录已失效");
    }

    [Fact]
    public async Task A_user_disabled_by_an_administrator_loses_the_open_page()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-finance");

        await app.ScalarAsync<object>("UPDATE user_accounts SET is_active = false WHERE login = 'tz-finance'");
        try
        {
            await page.ArriveWhereAsync("/account/sign-in", url => url.AbsolutePath == "/account/sign-in", 30_000);
            (await page.Locator("[data-testid=sign-in-reason]").InnerTextAsync()).ShouldContain("登录已失效");
            // And the cookie no longer opens anything.
            await page.GotoAsync("/trial-quote");
            await page.ArriveAtAsync("/account/sign-in?returnUrl=%2Ftrial-quote");
        }
        finally
        {
            await app.ScalarAsync<object>("UPDATE user_accounts SET is_active = true WHERE login = 'tz-finance'");
        }
    }

    [Fact]
    public async Task An_idle_page_signs_out_and_says_why_while_typing_keeps_a_page_alive()
    {
        await using var idleContext = await browser.NewContextAsync(app.BaseAddress);
        var idle = await idleContext.NewPageAsync();
        await idle.SignInAsync("tz-staff");
        await using var busyContext = await browser.NewContextAsync(app.BaseAddress);
        var busy = await busyContext.NewPageAsync();
        await busy.SignInAsync("tz-baogou");
        await busy.OpenAsync("/transfers");

        // The busy clerk keeps pressing keys for longer than the idle limit (8 s here, 30 minutes in production).
        var until = DateTime.UtcNow.AddSeconds(14);
        while (DateTime.UtcNow < until)
        {
            await busy.Keyboard.PressAsync("Tab");
            await Task.Delay(500);
        }
        new Uri(busy.Url).AbsolutePath.ShouldBe("/transfers");

        // The idle one was sent to the sign-in page, told why, and its cookie is gone.
        await idle.ArriveWhereAsync("/account/sign-in", url => url.AbsolutePath == "/account/sign-in", 30_000);
        (await idle.Locator("[data-testid=sign-in-reason]").InnerTextAsync()).ShouldContain("超过 30 分钟未操作");
        await idle.GotoAsync("/");
        (await idle.Locator("[data-testid=home-title]").CountAsync()).ShouldBe(0);
    }
}
