using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Registration;

/// <summary>
/// A clerk who works from the keyboard: the first field has the focus when the page opens, Tab moves through the
/// form in the order it reads, and Enter submits.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private static Task<string?> FocusedIdAsync(IPage page) => page.EvaluateAsync<string?>("() => document.activeElement?.id ?? null");

    [Fact]
    public async Task A_village_collector_registers_a_resident_without_touching_the_mouse()
    {
        var number = await app.FreshIdAsync(41);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou-cun");
        await page.OpenAsync("/residents/register");

        await page.Locator("#citizen-id:focus").WaitForAsync();
        await page.Keyboard.TypeAsync(number);
        await page.Locator("[data-testid=id-derived]").WaitForAsync();
        await page.Keyboard.PressAsync("Tab");
        (await FocusedIdAsync(page)).ShouldBe("name");
        await page.Keyboard.TypeAsync("钱键盘");

        // On through the village and household choices (the collector's village is chosen already) to the address,
        // never back up the form.
        var passed = new List<string?>();
        for (var i = 0; i < 8 && (await FocusedIdAsync(page)) != "address"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            passed.Add(await FocusedIdAsync(page));
        }
        (await FocusedIdAsync(page)).ShouldBe("address", string.Join(" → ", passed));
        passed.ShouldNotContain("citizen-id");
        await page.Keyboard.TypeAsync("键盘路1号");
        await page.Keyboard.PressAsync("Tab");
        (await FocusedIdAsync(page)).ShouldBe("phone");
        await page.Keyboard.TypeAsync("13700137000");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator("[data-testid=resident-name]", new() { HasText = "钱键盘" }).WaitForAsync();
        (await app.ScalarAsync<string>("SELECT name || '|' || phone FROM residents WHERE citizen_id = $1", number)).ShouldBe("钱键盘|13700137000");
    }

    [Fact]
    public async Task The_trial_quote_answers_Enter_in_the_number_field()
    {
        var number = await app.FreshIdAsync(42);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");
        await page.OpenAsync("/trial-quote");

        await page.Locator("#id-number:focus").WaitForAsync();
        await page.Keyboard.TypeAsync(number);
        await page.Locator("[data-testid=id-check-ok]").WaitForAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.Locator("[data-testid=quote-result]").WaitForAsync();
        (await page.Locator("[data-testid=quote-payable]").InnerTextAsync()).ShouldEndWith(" 元");
    }
}
