using System.Net;
using Enrollment.Testing.Web;
using static Enrollment.Web.Tests.Campaigns.Forms;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>The trial quote page (试算): anyone in the county, the ID checked as typed (htmx), the quote explained.</summary>
public sealed class TrialQuoteTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static List<KeyValuePair<string, string>> Quote(string idNumber, string paidOn = "2024-11-20", params string[] extra)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            F("Input.Campaign", "tengzhou-2025"), F("Input.IdNumber", idNumber), F("Input.History", "Continuing"),
            F("Input.GapYears", "0"), F("Input.PaidOn", paidOn), F("Input.Township", ""),
        };
        for (var i = 0; i + 1 < extra.Length; i += 2)
        {
            fields.Add(F(extra[i], extra[i + 1]));
        }
        return fields;
    }

    [Fact]
    public async Task A_township_clerk_quotes_a_60_to_69_year_old_at_half_the_contribution()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        var page = await PostPageAsync(client, "/trial-quote", "trial-quote", Quote(CitizenId(new DateOnly(1958, 3, 1))));

        page.QuerySelector("[data-testid=quote-payable]")!.TextContent.ShouldBe("200.00 元");
        page.QuerySelector("[data-testid=quote-subsidy]")!.TextContent.ShouldBe("200.00 元");
        page.QuerySelector("[data-testid=quote-county]")!.TextContent.ShouldBe("200.00 元");
        page.QuerySelector("[data-testid=quote-coverage]")!.TextContent.ShouldBe("2025-01-01");
        page.QuerySelector("[data-testid=quote-explanation]")!.TextContent.ShouldContain("60—69岁老年人");
    }

    [Fact]
    public async Task A_certified_category_is_subsidised_in_full()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-staff");
        var form = await GetAsync(client, "/trial-quote?campaign=tengzhou-2025");
        var tekun = form.QuerySelector("input[value=tekun]")!.GetAttribute("name")!;

        var page = await PostPageAsync(client, "/trial-quote", "trial-quote",
            Quote(CitizenId(new DateOnly(1990, 5, 5)), "2024-11-20", tekun, "tekun", tekun.Replace(".Code", ".Selected", StringComparison.Ordinal), "true"));

        page.QuerySelector("[data-testid=quote-payable]")!.TextContent.ShouldBe("0.00 元");
        page.QuerySelector("[data-testid=quote-subsidy]")!.TextContent.ShouldBe("400.00 元");
    }

    [Fact]
    public async Task A_late_payment_starts_coverage_after_the_waiting_period()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-staff");

        var page = await PostPageAsync(client, "/trial-quote", "trial-quote", Quote(CitizenId(new DateOnly(1990, 5, 5)), "2025-02-10"));

        page.QuerySelector("[data-testid=quote-payable]")!.TextContent.ShouldBe("400.00 元");
        page.QuerySelector("[data-testid=quote-coverage]")!.TextContent.ShouldBe("2025-05-10");
    }

    [Fact]
    public async Task A_wrong_check_character_is_explained_next_to_the_field()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var good = CitizenId(new DateOnly(1990, 5, 5));
        var bad = good[..17] + (good[17] == '0' ? '1' : '0');

        var page = await PostPageAsync(client, "/trial-quote", "trial-quote", Quote(bad));

        page.QuerySelector("[data-testid=quote-result]").ShouldBeNull();
        page.QuerySelector("[data-testid=id-number-error]")!.TextContent.ShouldContain("校验");
    }

    [Fact]
    public async Task A_payment_before_the_window_is_explained_next_to_the_payment_date()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        var page = await PostPageAsync(client, "/trial-quote", "trial-quote", Quote(CitizenId(new DateOnly(1990, 5, 5)), "2024-09-01"));

        page.QuerySelector("[data-testid=quote-result]").ShouldBeNull();
        page.QuerySelector("[data-testid=paid-on-error]")!.TextContent.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task The_htmx_id_check_answers_a_fragment_and_needs_the_token()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var token = TokenOf(await GetAsync(client, "/trial-quote"));

        var ok = await client.PostAsync("/trial-quote/check-id", new FormUrlEncodedContent(
            [F("__RequestVerificationToken", token), F("Input.IdNumber", CitizenId(new DateOnly(1958, 3, 1)))]));
        var okHtml = await ok.Content.ReadAsStringAsync();
        okHtml.ShouldContain("出生日期 1958-03-01");
        okHtml.ShouldNotContain("<html");

        var shortOne = await client.PostAsync("/trial-quote/check-id", new FormUrlEncodedContent(
            [F("__RequestVerificationToken", token), F("Input.IdNumber", "37048119")]));
        (await shortOne.Content.ReadAsStringAsync()).ShouldContain("id-check-error");

        var noToken = await client.PostAsync("/trial-quote/check-id", new FormUrlEncodedContent([F("Input.IdNumber", "1")]));
        noToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_existing_resident_is_prefilled_and_compared_with_their_recorded_quote()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var residentId = await app.ResidentOfAsync("鲍沟镇");

        var page = await GetAsync(client, $"/trial-quote?campaign=tengzhou-2025&resident={residentId}");

        page.QuerySelector("[data-testid=trial-resident]").ShouldNotBeNull();
        page.QuerySelector("[data-testid=quote-result]").ShouldNotBeNull();
        // The stored number is quoted on the server: the page carries it masked, and no birth date beside it.
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var html = page.DocumentElement.OuterHtml;
        html.ShouldNotContain(number);
        html.ShouldNotContain(number.Substring(6, 8));
        html.ShouldNotContain($"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}");
        page.QuerySelector("#id-number").ShouldBeNull();
        page.QuerySelector("[data-testid=trial-masked-id]")!.TextContent.ShouldBe(number[..6] + "********" + number[14..]);
    }

    [Theory]
    [InlineData("tz-finance")]
    public async Task Roles_that_may_not_read_residents_get_no_resident_trial(string login)
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);
        var residentId = await app.ResidentOfAsync("鲍沟镇");

        (await client.GetAsync($"/trial-quote?resident={residentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A trial of a typed number stays open to them.
        (await client.GetAsync("/trial-quote")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_resident_trial_quotes_the_stored_number_whatever_the_form_carries()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var forged = CitizenId(new DateOnly(1958, 3, 1));

        var page = await PostPageAsync(client, "/trial-quote", "trial-quote",
            [.. Quote(forged), F("Input.ResidentId", residentId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        page.QuerySelector("[data-testid=quote-result]").ShouldNotBeNull();
        var html = page.DocumentElement.OuterHtml;
        html.ShouldNotContain(number);
        html.ShouldNotContain(forged);
        html.ShouldNotContain("1958-03-01");
        page.QuerySelector("[data-testid=trial-masked-id]")!.TextContent.ShouldBe(number[..6] + "********" + number[14..]);
    }

    [Fact]
    public async Task A_resident_of_another_township_is_not_found()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var other = await app.ResidentOfAsync("滨湖镇");

        (await client.GetAsync($"/trial-quote?resident={other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_system_administrator_has_no_county_to_quote_in()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "admin");

        (await client.GetAsync("/trial-quote")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("tz-staff")]
    [InlineData("tz-baogou")]
    public async Task A_draft_campaign_is_not_offered_to_anyone_but_the_county_administrator(string login)
    {
        await EnsureDraftAsync();
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);

        var list = await GetAsync(client, "/trial-quote");
        var asked = await GetAsync(client, "/trial-quote?campaign=tengzhou-2026");
        var unknown = await GetAsync(client, "/trial-quote?campaign=no-such-campaign");
        var posted = await PostPageAsync(client, "/trial-quote", "trial-quote",
            Quote(CitizenId(new DateOnly(1990, 5, 5))).Select(f => f.Key == "Input.Campaign" ? F(f.Key, "tengzhou-2026") : f));

        Offered(list).ShouldNotContain("tengzhou-2026");
        Offered(list).ShouldContain("tengzhou-2025");
        // Asking for the draft by code is the same as asking for a campaign that does not exist.
        Quoting(asked).ShouldBe(Quoting(unknown));
        Quoting(asked).ShouldBe("tengzhou-2025");
        posted.QuerySelector("#result-title")!.TextContent.ShouldNotContain("2026");
    }

    [Fact]
    public async Task The_county_administrator_tries_a_draft_campaign()
    {
        await EnsureDraftAsync();
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");

        var list = await GetAsync(client, "/trial-quote");
        var draft = await GetAsync(client, "/trial-quote?campaign=tengzhou-2026");

        Offered(list).ShouldContain("tengzhou-2026");
        // The open campaign stays the default: a draft is only quoted when asked for.
        Quoting(list).ShouldBe("tengzhou-2025");
        Quoting(draft).ShouldBe("tengzhou-2026");
        draft.QuerySelector("#campaign option[value=tengzhou-2026]")!.TextContent.ShouldContain("草稿");
        var page = await PostPageAsync(client, "/trial-quote", "trial-quote",
            Quote(CitizenId(new DateOnly(1958, 3, 1)), "2025-11-20").Select(f => f.Key == "Input.Campaign" ? F(f.Key, "tengzhou-2026") : f));
        page.QuerySelector("#result-title")!.TextContent.ShouldContain("2026");
        page.QuerySelector("[data-testid=quote-coverage]")!.TextContent.ShouldBe("2026-01-01");
    }

    /// <summary>A draft tengzhou-2026, made by the county administrator from the open campaign (next year).</summary>
    private async Task EnsureDraftAsync()
    {
        if (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'tengzhou-2026'") == 0)
        {
            var client = app.NewClient();
            await DemoApp.SignInAsync(client, "tz-admin");
            (await PostAsync(client, "/campaigns/tengzhou-2025", "next-year", [F("NextYear", "1")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await app.ScalarAsync<string>("SELECT status FROM campaigns WHERE code = 'tengzhou-2026'")).ShouldBe("draft");
    }

    private static List<string> Offered(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#campaign option").Select(o => o.GetAttribute("value")!)];

    /// <summary>The campaign the quote form is for (its hidden field).</summary>
    private static string? Quoting(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("input[name='Input.Campaign']")?.GetAttribute("value");
}
