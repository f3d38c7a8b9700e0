using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// The new-campaign form in the circuit: what it suggests, messages as the administrator types, and a suggested code
/// that follows the year without ever overwriting what was typed.
/// </summary>
public sealed class NewCampaignComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(ComponentSession Session, IRenderedComponent<IComponent> Page, int Next)> FormAsync(string template, bool browserWrites = true)
    {
        var next = await app.ScalarAsync<int>("SELECT max(c.policy_year) + 1 FROM campaigns c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'tengzhou'");
        var session = await ComponentSession.StartAsync(app, "tz-admin");
        // The browser's half of a suggestion (suggest.js): it writes only if the field still shows what the server expects.
        session.Context.JSInterop.SetupModule("./js/suggest.js").Setup<bool>("replaceIfUnchanged", _ => true).SetResult(browserWrites);
        session.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/campaigns/new?template={template}");
        var page = session.RenderInLayout<NewCampaignPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=new-campaign-form]"), Wait);
        return (session, page, next);
    }

    private static string Code(IRenderedComponent<IComponent> page) => page.Find("#code").GetAttribute("value") ?? "";

    /// <summary>The message a screen reader reads with the field: the element its aria-describedby names.</summary>
    private static string MessageOf(IRenderedComponent<IComponent> page, string id) =>
        page.Find($"[id='{page.Find($"#{id}").GetAttribute("aria-describedby")}']").TextContent;

    private static int Replacements(ComponentSession session) =>
        session.Context.JSInterop.Invocations.Count(i => i.Identifier == "replaceIfUnchanged");

    [Fact]
    public async Task The_form_suggests_the_next_year_its_code_and_the_templates_township()
    {
        var (session, page, next) = await FormAsync("baogou-2022");
        await using var _ = session;

        page.Find("#policy-year").GetAttribute("value").ShouldBe(next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Code(page).ShouldBe($"baogou-{next}");
        page.Find("[data-testid=township]").TextContent.ShouldBe("鲍沟镇");
        page.Find("[data-template=baogou-2022]").GetAttribute("aria-current").ShouldBe("true");
    }

    [Fact]
    public async Task A_suggested_code_follows_a_change_of_year()
    {
        var (session, page, next) = await FormAsync("tengzhou-2025");
        await using var _ = session;

        await page.InvokeAsync(() => page.Find("#policy-year").Change("2028"));

        // The browser writes the suggestion; the server does not render it over the field itself…
        page.WaitForAssertion(() => Replacements(session).ShouldBe(1), Wait);
        var call = session.Context.JSInterop.Invocations.Single(i => i.Identifier == "replaceIfUnchanged");
        call.Arguments.ShouldBe(["code", $"tengzhou-{next}", "tengzhou-2028"]);
        Code(page).ShouldBe($"tengzhou-{next}");

        // …it learns the value as the browser reports it, like typing, and the next year replaces that suggestion.
        await page.InvokeAsync(() => page.Find("#code").Input("tengzhou-2028"));
        page.WaitForAssertion(() => Code(page).ShouldBe("tengzhou-2028"), Wait);
        await page.InvokeAsync(() => page.Find("#policy-year").Change("2029"));
        page.WaitForAssertion(() => Replacements(session).ShouldBe(2), Wait);
        session.Context.JSInterop.Invocations.Last(i => i.Identifier == "replaceIfUnchanged").Arguments
            .ShouldBe(["code", "tengzhou-2028", "tengzhou-2029"]);
    }

    [Fact]
    public async Task A_typed_code_stays_when_the_year_changes()
    {
        var (session, page, _) = await FormAsync("tengzhou-2025");
        await using var __ = session;

        await page.InvokeAsync(() => page.Find("#code").Input("tz-special"));
        await page.InvokeAsync(() => page.Find("#policy-year").Change("2028"));

        page.WaitForAssertion(() => page.Find("#policy-year").GetAttribute("value").ShouldBe("2028"), Wait);
        Code(page).ShouldBe("tz-special");
        Replacements(session).ShouldBe(0);
    }

    [Fact]
    public async Task Typing_the_server_has_not_seen_yet_is_never_overwritten_or_appended_to()
    {
        // The year's change reaches the server while the field, in the browser, already holds the first letters of a
        // code: the browser finds the field changed and writes nothing, and the server writes nothing of its own.
        var (session, page, next) = await FormAsync("tengzhou-2025", browserWrites: false);
        await using var _ = session;

        await page.InvokeAsync(() => page.Find("#policy-year").Change("2028"));
        page.WaitForAssertion(() => Replacements(session).ShouldBe(1), Wait);
        Code(page).ShouldBe($"tengzhou-{next}");

        // The typed text arrives: it is the code, whole and alone.
        await page.InvokeAsync(() => page.Find("#code").Input("bg"));
        page.WaitForAssertion(() => Code(page).ShouldBe("bg"), Wait);
        await page.InvokeAsync(() => page.Find("#policy-year").Change("2029"));
        page.WaitForAssertion(() => page.Find("#policy-year").GetAttribute("value").ShouldBe("2029"), Wait);
        Code(page).ShouldBe("bg");
        Replacements(session).ShouldBe(1);
    }

    [Fact]
    public async Task A_malformed_code_and_a_year_out_of_range_are_explained_as_they_are_typed()
    {
        var (session, page, _) = await FormAsync("tengzhou-2025");
        await using var __ = session;

        await page.InvokeAsync(() => page.Find("#code").Input("Tengzhou 2027"));
        page.WaitForAssertion(() => MessageOf(page, "code").ShouldContain("编号只能使用小写字母、数字和连字符"), Wait);
        await page.InvokeAsync(() => page.Find("#policy-year").Change("1999"));
        page.WaitForAssertion(() => MessageOf(page, "policy-year").ShouldBe("医保年度应在 2000 到 2100 之间。"), Wait);
    }

    [Fact]
    public async Task A_campaign_is_created_and_opened_and_a_taken_code_is_explained_beside_its_field()
    {
        var (session, page, _) = await FormAsync("tengzhou-2025");
        await using var _ = session;
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM campaigns");

        await page.InvokeAsync(() => page.Find("#code").Input("tengzhou-2025"));
        await page.InvokeAsync(() => page.Find("[data-testid=new-campaign-form]").Submit());
        page.WaitForAssertion(() => MessageOf(page, "code").ShouldBe("本县已有编号为 tengzhou-2025 的征缴活动，请换一个编号。"), Wait);
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns")).ShouldBe(before);

        await page.InvokeAsync(() => page.Find("#code").Input("component-new-2027"));
        page.WaitForAssertion(() => MessageOf(page, "code").ShouldNotContain("本县已有编号"), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=new-campaign-form]").Submit());

        var navigation = session.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => navigation.Uri.ShouldEndWith("/campaigns/component-new-2027"), Wait);
        (await app.ScalarAsync<string>("SELECT status FROM campaigns WHERE code = 'component-new-2027'")).ShouldBe("draft");
    }
}
