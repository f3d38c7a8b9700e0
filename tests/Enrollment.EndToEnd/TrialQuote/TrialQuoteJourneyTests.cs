using Enrollment.Testing.Web;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd.TrialQuote;

/// <summary>
/// 试算 in the browser: a village collector on a phone types a number (checked as typed), a payment date and an
/// impossible gap; a township clerk opens an existing resident's trial, which never shows the number.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrialQuoteJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task A_collector_on_a_phone_quotes_a_typed_number_checked_as_it_is_typed()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress, width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou-cun");
        await page.OpenAsync("/trial-quote");

        var id = CitizenIds.For(new DateOnly(1990, 5, 5));
        var number = page.GetByLabel("身份证号码");
        await number.PressSequentiallyAsync(id[..10]);
        await page.Locator("[data-testid=id-check-error]", new() { HasText = "身份证号码应为18位（或15位旧号码），实际为10位" }).WaitForAsync();
        await number.FillAsync(id);
        (await page.Locator("[data-testid=id-check-ok]").InnerTextAsync()).ShouldBe("号码有效：出生日期 1990-05-05，男");
        (await page.Locator("[data-testid=id-check-error]").CountAsync()).ShouldBe(0);

        // An impossible gap is said beside the field; nothing is quoted.
        await page.GetByLabel("中断年数").FillAsync("999999999999");
        await page.GetByRole(AriaRole.Button, new() { Name = "试算", Exact = true }).ClickAsync();
        await page.GetByText("中断年数应为 0 到 50 之间的整数。").WaitForAsync();
        (await page.GetByText("应不少于1年").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-testid=quote-result]").CountAsync()).ShouldBe(0);

        await page.GetByLabel("中断年数").FillAsync("0");
        await page.GetByLabel("缴费日期").FillAsync("2025-02-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "试算", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=quote-result]").WaitForAsync();
        (await page.Locator("[data-testid=quote-coverage]").InnerTextAsync()).ShouldBe("2025-05-10");
        (await page.Locator("[data-testid=quote-late]").InnerTextAsync()).ShouldBe("期外缴费");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "trial-quote-collector-phone");
    }

    [Fact]
    public async Task A_residents_trial_shows_the_number_masked_and_never_sends_it()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("tz-baogou");

        await page.OpenAsync($"/trial-quote?resident={residentId}");
        await page.Locator("[data-testid=quote-result]").WaitForAsync();

        (await page.Locator("[data-testid=trial-masked-id]").InnerTextAsync()).ShouldBe(number[..6] + "********" + number[14..]);
        await page.GetByLabel("缴费日期").FillAsync("2025-02-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "试算", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=quote-late]", new() { HasText = "期外缴费" }).WaitForAsync();
        var html = await page.ContentAsync();
        html.ShouldNotContain(number);
        html.ShouldNotContain($"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}");
        (await page.Locator("[data-testid=quote-compare]").InnerTextAsync()).ShouldContain("有变化");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Screenshots.SaveAsync(page, "trial-quote-resident");
    }
}
