using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.TrialQuote;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.TrialQuote;

/// <summary>The trial quote page rendered with bUnit on the demo data: checks as typed, ranges, the result.</summary>
public sealed class TrialQuoteComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<IRenderedComponent<IComponent>> OpenAsync(ComponentSession session, string url = "/trial-quote")
    {
        session.Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var page = session.RenderInLayout<TrialQuotePage>();
        page.WaitForElement("[data-testid=quote-submit]", Wait);
        await Task.CompletedTask;
        return page;
    }

    private static Task TypeAsync(IRenderedComponent<IComponent> page, string selector, string text) =>
        page.InvokeAsync(() => page.Find(selector).Input(text));

    /// <summary>Types a date into a date field.</summary>
    private static Task ChangeDateAsync(IRenderedComponent<IComponent> page, string selector, string text) =>
        page.InvokeAsync(() => page.Find(selector).Input(text));

    private static Task SubmitAsync(IRenderedComponent<IComponent> page) => page.InvokeAsync(() => page.Find("[data-testid=trial-form]").Submit());

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task The_number_is_checked_as_it_is_typed_and_its_reason_shown_once()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = await OpenAsync(session);
        var id = CitizenIds.For(new DateOnly(1990, 5, 5));

        await TypeAsync(page, "#id-number", id[..10]);
        page.WaitForAssertion(() => page.Find("[data-testid=id-check-error]").TextContent.ShouldBe("身份证号码应为18位（或15位旧号码），实际为10位"), Wait);
        await SubmitAsync(page);
        page.WaitForAssertion(() => Occurrences(page.Markup, "实际为10位").ShouldBe(1), Wait);
        page.FindAll("[data-testid=quote-result]").ShouldBeEmpty();

        await TypeAsync(page, "#id-number", id);
        page.WaitForAssertion(() => page.Find("[data-testid=id-check-ok]").TextContent.ShouldBe("号码有效：出生日期 1990-05-05，男"), Wait);
        page.FindAll("[data-testid=id-check-error]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_typed_number_is_quoted_with_its_explanation_and_birth_date()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = await OpenAsync(session);

        await TypeAsync(page, "#id-number", CitizenIds.For(new DateOnly(1958, 3, 1)));
        await SubmitAsync(page);

        page.WaitForAssertion(() => page.Find("[data-testid=quote-payable]").TextContent.ShouldBe("200.00 元"), Wait);
        page.Find("[data-testid=quote-subsidy]").TextContent.ShouldBe("200.00 元");
        page.Find("[data-testid=quote-coverage]").TextContent.ShouldBe("2025-01-01");
        page.Find("[data-testid=quote-explanation]").TextContent.ShouldContain("60—69岁老年人");
        page.Find("[data-testid=quote-birth]").TextContent.ShouldBe("1958-03-01（男）");
        page.Find("#result-title").TextContent.ShouldContain("政策第");
    }

    [Fact]
    public async Task A_certified_category_checked_on_the_page_is_subsidised_in_full()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-staff");
        var page = await OpenAsync(session);

        await TypeAsync(page, "#id-number", CitizenIds.For(new DateOnly(1990, 5, 5)));
        await page.InvokeAsync(() => page.Find("input[data-testid=category-check-tekun]").Change(true));
        page.WaitForElement("#certified-tekun", Wait);
        await SubmitAsync(page);

        page.WaitForAssertion(() => page.Find("[data-testid=quote-payable]").TextContent.ShouldBe("0.00 元"), Wait);
        page.Find("[data-testid=quote-subsidy]").TextContent.ShouldBe("400.00 元");
    }

    [Theory]
    [InlineData("999999999999")]
    [InlineData("三年")]
    [InlineData("51")]
    public async Task Gap_years_out_of_range_are_explained_beside_the_field_and_nothing_is_quoted(string typed)
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = await OpenAsync(session);
        await TypeAsync(page, "#id-number", CitizenIds.For(new DateOnly(1990, 5, 5)));

        await TypeAsync(page, "#gap-years", typed);
        page.WaitForAssertion(() => page.Markup.ShouldContain("中断年数应为 0 到 50 之间的整数。"), Wait);
        await SubmitAsync(page);

        page.WaitForAssertion(() => Occurrences(page.Markup, "中断年数应为 0 到 50 之间的整数。").ShouldBe(1), Wait);
        page.Markup.ShouldNotContain("应不少于1年");
        page.FindAll("[data-testid=quote-result]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_payment_before_the_window_is_explained_beside_the_payment_date()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = await OpenAsync(session);
        await TypeAsync(page, "#id-number", CitizenIds.For(new DateOnly(1990, 5, 5)));

        await ChangeDateAsync(page, "#paid-on", "2024-09-01");
        await SubmitAsync(page);

        page.WaitForAssertion(() => page.Find("[data-testid=paid-on]").TextContent.ShouldContain("早于集中征缴期开始日"), Wait);
        page.FindAll("[data-testid=quote-result]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_said_beside_the_field_and_nothing_is_quoted()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = await OpenAsync(session);
        await TypeAsync(page, "#id-number", CitizenIds.For(new DateOnly(1990, 5, 5)));

        await ChangeDateAsync(page, "#paid-on", "2024-13-45");
        await SubmitAsync(page);

        page.WaitForAssertion(() => page.Find("[data-testid=paid-on]").TextContent.ShouldContain("缴费日期应为日期，如 2024-11-20。"), Wait);
        page.FindAll("[data-testid=quote-result]").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_existing_residents_trial_shows_the_number_masked_and_never_the_number_or_birth_date()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");

        var page = await OpenAsync(session, $"/trial-quote?campaign=tengzhou-2025&resident={residentId}");

        page.WaitForElement("[data-testid=quote-result]", Wait);
        page.Find("[data-testid=trial-masked-id]").TextContent.ShouldBe(number[..6] + "********" + number[14..]);
        page.Find("[data-testid=trial-resident]").TextContent.ShouldContain(number[..6] + "********" + number[14..]);
        page.FindAll("#id-number").ShouldBeEmpty();
        page.FindAll("[data-testid=quote-birth]").ShouldBeEmpty();
        page.Markup.ShouldNotContain(number);
        page.Markup.ShouldNotContain(number.Substring(6, 8));
        page.Markup.ShouldNotContain($"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}");

        // Quoting again (another payment date, typed the short way) still quotes the stored number, and shows neither.
        await ChangeDateAsync(page, "#paid-on", "2025/2/10");
        await SubmitAsync(page);
        page.WaitForAssertion(() => page.Find("[data-testid=quote-late]").TextContent.ShouldBe("期外缴费", page.Markup), Wait);
        page.Markup.ShouldNotContain(number);
        page.Markup.ShouldNotContain($"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}");
    }
}
