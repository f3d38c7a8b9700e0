using System.Net;
using Enrollment.Domain.Rules;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.TrialQuote;

namespace Enrollment.Web.Tests.TrialQuote;

/// <summary>
/// 试算 through the page's own queries, as each demo user: the quote and its explanation, inputs out of range, the
/// trial of an existing resident (quoted from the stored number, which never leaves the server), and drafts offered
/// only to the county administrator.
/// </summary>
public sealed class TrialQuoteTests(TrialQuoteApp app) : IClassFixture<TrialQuoteApp>
{
    private static TrialQuoteForm Form(string idNumber, string paidOn = "2024-11-20", string campaign = "tengzhou-2025") => new()
    {
        Campaign = campaign, IdNumber = idNumber, History = EnrollmentHistory.Continuing, GapYears = 0,
        PaidOn = DateOnly.ParseExact(paidOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<TrialQuoteAnswer> QuoteAsync(string login, TrialQuoteForm form)
    {
        await using var session = await app.SessionAsync(login);
        return (await session.Get<TrialQuoteQueries>().QuoteAsync(form)).ShouldNotBeNull();
    }

    private async Task<TrialSetup?> SetupAsync(string login, string? campaign = null, long? resident = null)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<TrialQuoteQueries>().SetupAsync(campaign, resident);
    }

    private static string Masked(string number) => number[..6] + "********" + number[14..];

    [Fact]
    public async Task A_township_clerk_quotes_a_60_to_69_year_old_at_half_the_contribution()
    {
        var answer = await QuoteAsync("tz-baogou", Form(CitizenIds.For(new DateOnly(1958, 3, 1))));

        answer.Errors.ShouldBeEmpty();
        var result = answer.Result.ShouldNotBeNull();
        result.Payable.ShouldBe(200.00m);
        result.Subsidy.ShouldBe(200.00m);
        result.CountyShare.ShouldBe(200.00m);
        result.CoverageStart.ShouldBe(new DateOnly(2025, 1, 1));
        result.Explanation.ShouldContain("60—69岁老年人");
        result.BirthDate.ShouldBe(new DateOnly(1958, 3, 1));
        answer.Campaign.Code.ShouldBe("tengzhou-2025");
    }

    [Fact]
    public async Task A_certified_category_is_subsidised_in_full()
    {
        var setup = (await SetupAsync("tz-staff", "tengzhou-2025")).ShouldNotBeNull();
        setup.Categories.Select(c => c.Code).ShouldContain("tekun");
        var form = Form(CitizenIds.For(new DateOnly(1990, 5, 5)));
        form.Categories = [.. setup.Form.Categories];
        form.Categories.Single(c => c.Code == "tekun").Selected = true;

        var result = (await QuoteAsync("tz-staff", form)).Result.ShouldNotBeNull();

        result.Payable.ShouldBe(0.00m);
        result.Subsidy.ShouldBe(400.00m);
    }

    [Fact]
    public async Task A_late_payment_starts_coverage_after_the_waiting_period()
    {
        var result = (await QuoteAsync("tz-staff", Form(CitizenIds.For(new DateOnly(1990, 5, 5)), "2025-02-10"))).Result.ShouldNotBeNull();

        result.Payable.ShouldBe(400.00m);
        result.CoverageStart.ShouldBe(new DateOnly(2025, 5, 10));
        result.Late.ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_check_character_is_explained_for_the_number_field()
    {
        var answer = await QuoteAsync("tz-baogou", Form(CitizenIds.WithWrongCheck(CitizenIds.For(new DateOnly(1990, 5, 5)))));

        answer.Result.ShouldBeNull();
        answer.Errors[nameof(TrialQuoteForm.IdNumber)].ShouldContain("校验码错误");
    }

    [Fact]
    public async Task A_payment_before_the_window_is_explained_for_the_payment_date()
    {
        var answer = await QuoteAsync("tz-baogou", Form(CitizenIds.For(new DateOnly(1990, 5, 5)), "2024-09-01"));

        answer.Result.ShouldBeNull();
        answer.Errors[nameof(TrialQuoteForm.PaidOn)].ShouldStartWith("缴费日期 2024-09-01 早于集中征缴期开始日");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(51)]
    [InlineData(int.MaxValue)]
    public async Task Gap_years_out_of_range_are_refused_before_anything_is_quoted(int gapYears)
    {
        var form = Form(CitizenIds.For(new DateOnly(1990, 5, 5)));
        form.History = EnrollmentHistory.Interrupted;
        form.GapYears = gapYears;

        var answer = await QuoteAsync("tz-baogou", form);

        answer.Result.ShouldBeNull();
        answer.Errors.ShouldBe(new Dictionary<string, string> { [nameof(TrialQuoteForm.GapYears)] = "中断年数应为 0 到 50 之间的整数。" });
    }

    [Theory]
    [InlineData("999999999999")]
    [InlineData("51")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("三")]
    [InlineData("")]
    public void Gap_years_typed_out_of_range_or_unreadable_get_one_Chinese_message(string typed)
    {
        TrialQuoteRules.ParseGapYears(typed, out _).ShouldBe("中断年数应为 0 到 50 之间的整数。");
        TrialQuoteRules.ParseGapYears(" 3 ", out var three).ShouldBeNull();
        three.ShouldBe(3);
    }

    [Fact]
    public async Task Dates_far_outside_any_campaign_are_refused_before_anything_is_quoted()
    {
        var form = Form(CitizenIds.For(new DateOnly(1990, 5, 5)), "0001-01-01");
        form.Categories = [new CategoryInput { Code = "tekun", Selected = true, FirstCertified = new DateOnly(9999, 1, 1) }];

        var answer = await QuoteAsync("tz-baogou", form);

        answer.Result.ShouldBeNull();
        answer.Errors[nameof(TrialQuoteForm.PaidOn)].ShouldBe("缴费日期应在 1900-01-01 至 2099-12-31 之间。");
        answer.Errors[nameof(TrialQuoteForm.Categories)].ShouldBe("首次认定日期应在 1900-01-01 至 2099-12-31 之间。");
        form.PaidOn = null;
        (await QuoteAsync("tz-baogou", form)).Errors[nameof(TrialQuoteForm.PaidOn)].ShouldBe("请选择缴费日期。");
    }

    [Fact]
    public async Task An_existing_resident_is_prefilled_quoted_and_compared_with_their_recorded_quote_masked()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);

        var setup = (await SetupAsync("tz-baogou", "tengzhou-2025", residentId)).ShouldNotBeNull();

        var resident = setup.Resident.ShouldNotBeNull();
        resident.MaskedCitizenId.ShouldBe(Masked(number));
        setup.Form.ResidentId.ShouldBe(residentId);
        setup.Form.IdNumber.ShouldBeEmpty();
        var answer = setup.Answer.ShouldNotBeNull();
        answer.Result.ShouldNotBeNull().BirthDate.ShouldBeNull();
        // Nothing the page is given carries the number or the birth date it hides.
        var shown = string.Join("|", setup.ToString(), answer.ToString(), resident.ToString());
        shown.ShouldNotContain(number);
        shown.ShouldNotContain(number.Substring(6, 8));
        shown.ShouldNotContain($"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}");
    }

    [Fact]
    public async Task A_resident_trial_quotes_the_stored_number_whatever_the_call_carries()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var stored = (await SetupAsync("tz-baogou", "tengzhou-2025", residentId)).ShouldNotBeNull().Answer.ShouldNotBeNull().Result.ShouldNotBeNull();
        var forged = Form(CitizenIds.For(new DateOnly(1958, 3, 1)));
        forged.ResidentId = residentId;

        var answer = await QuoteAsync("tz-baogou", forged);

        var result = answer.Result.ShouldNotBeNull();
        result.BirthDate.ShouldBeNull();
        result.Payable.ShouldBe(stored.Payable);
        result.Explanation.ShouldBe(stored.Explanation);
        // A 66-year-old would pay half: the forged number was not quoted.
        result.Explanation.ShouldNotContain("60—69岁老年人");
    }

    [Theory]
    [InlineData("tz-finance")]
    public async Task Roles_that_may_not_read_residents_get_no_resident_trial(string login)
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var form = Form(CitizenIds.For(new DateOnly(1958, 3, 1)));
        form.ResidentId = residentId;
        await using var session = await app.SessionAsync(login);
        var queries = session.Get<TrialQuoteQueries>();

        (await queries.SetupAsync(null, residentId)).ShouldBeNull();
        (await queries.QuoteAsync(form)).ShouldBeNull();
        // A trial of a typed number stays open to them.
        (await queries.SetupAsync(null, null)).ShouldNotBeNull();
        form.ResidentId = null;
        (await queries.QuoteAsync(form)).ShouldNotBeNull().Result.ShouldNotBeNull();
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);
        (await client.GetAsync($"/trial-quote?resident={residentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/trial-quote")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_resident_of_another_township_or_county_is_not_found_like_a_missing_one()
    {
        var binhu = await app.ResidentOfAsync("滨湖镇");
        var pubei = await app.ScalarAsync<long>("SELECT r.id FROM residents r JOIN tenants t ON t.id = r.tenant_id WHERE t.code = 'pubei' ORDER BY r.id LIMIT 1");

        foreach (var (login, id) in new[] { ("tz-baogou", binhu), ("tz-baogou", 999_999_999L), ("tz-admin", pubei), ("tz-baogou-cun", await app.ResidentOfAsync("鲍沟镇", lastVillage: true)) })
        {
            (await SetupAsync(login, null, id)).ShouldBeNull($"{login} sets up {id}");
            var form = Form(CitizenIds.For(new DateOnly(1958, 3, 1)));
            form.ResidentId = id;
            await using var session = await app.SessionAsync(login);
            (await session.Get<TrialQuoteQueries>().QuoteAsync(form)).ShouldBeNull($"{login} quotes {id}");
        }
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        (await client.GetAsync($"/trial-quote?resident={binhu}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_system_administrator_has_no_county_to_quote_in()
    {
        await using var session = await app.SessionAsync("admin");
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<TrialQuoteQueries>().SetupAsync(null, null));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<TrialQuoteQueries>().QuoteAsync(Form(CitizenIds.For(new DateOnly(1958, 3, 1)))));
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "admin");
        (await client.GetAsync("/trial-quote")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("tz-staff")]
    [InlineData("tz-baogou")]
    [InlineData("tz-finance")]
    public async Task A_draft_campaign_is_not_offered_to_anyone_but_the_county_administrator(string login)
    {
        var list = (await SetupAsync(login)).ShouldNotBeNull();
        var asked = (await SetupAsync(login, TrialQuoteApp.Draft)).ShouldNotBeNull();
        var unknown = (await SetupAsync(login, "no-such-campaign")).ShouldNotBeNull();
        var posted = await QuoteAsync(login, Form(CitizenIds.For(new DateOnly(1990, 5, 5)), campaign: TrialQuoteApp.Draft));

        list.Campaigns.Select(c => c.Code).ShouldNotContain(TrialQuoteApp.Draft);
        list.Campaigns.Select(c => c.Code).ShouldContain("tengzhou-2025");
        // Asking for the draft by code is the same as asking for a campaign that does not exist.
        asked.Campaign.ShouldBe(unknown.Campaign);
        asked.Campaign.ShouldNotBeNull().Code.ShouldBe("tengzhou-2025");
        posted.Campaign.Code.ShouldBe("tengzhou-2025");
        posted.Result.ShouldNotBeNull().CoverageStart.Year.ShouldBe(2025);
    }

    [Fact]
    public async Task The_county_administrator_tries_a_draft_campaign()
    {
        var list = (await SetupAsync("tz-admin")).ShouldNotBeNull();
        var draft = (await SetupAsync("tz-admin", TrialQuoteApp.Draft)).ShouldNotBeNull();

        list.Campaigns.Select(c => c.Code).ShouldContain(TrialQuoteApp.Draft);
        // The open campaign stays the default: a draft is only quoted when asked for.
        list.Campaign.ShouldNotBeNull().Code.ShouldBe("tengzhou-2025");
        draft.Campaign.ShouldNotBeNull().Code.ShouldBe(TrialQuoteApp.Draft);
        draft.Campaign.Label.ShouldContain("草稿");
        draft.Form.Campaign.ShouldBe(TrialQuoteApp.Draft);
        var answer = await QuoteAsync("tz-admin", Form(CitizenIds.For(new DateOnly(1958, 3, 1)), "2025-11-20", TrialQuoteApp.Draft));
        answer.Campaign.Code.ShouldBe(TrialQuoteApp.Draft);
        answer.Campaign.Name.ShouldContain("2026");
        answer.Result.ShouldNotBeNull().CoverageStart.ShouldBe(new DateOnly(2026, 1, 1));
    }
}
