using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// The policy editor as the county administrator uses it, rendered with bUnit on the demo data: problems beside the
/// fields as they type, list buttons that change the form in the circuit and save nothing, township rows on request,
/// and an open campaign's save behind a preview, a reason and a confirmation.
/// </summary>
public sealed class PolicyEditorComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<(ComponentSession Session, IRenderedComponent<IComponent> Page)> EditorAsync(DemoApp app, string code)
    {
        var session = await ComponentSession.StartAsync(app, "tz-admin");
        var page = session.RenderInLayout<PolicyEditPage>(new Dictionary<string, object?> { [nameof(PolicyEditPage.Code)] = code });
        page.WaitForAssertion(() => page.Find("[data-testid=policy-form]"), Wait);
        return (session, page);
    }

    [Fact]
    public async Task An_absurd_contribution_is_explained_beside_its_field_as_it_is_typed_and_nothing_is_saved()
    {
        var code = await app.NewDraftAsync("component-absurd-2026");
        var (session, page) = await EditorAsync(app, code);
        await using var _ = session;

        await page.InvokeAsync(() => page.Find("#f-individualContribution").Input("99999999999999999999"));

        page.WaitForAssertion(() => page.Find("[data-problem=individualContribution]").TextContent
            .ShouldBe("「个人缴费标准」应在 0.01 至 10,000 元之间，实际为“99999999999999999999”"), Wait);
        page.Find("#f-individualContribution").GetAttribute("aria-describedby").ShouldNotBeNull().ShouldContain("f-individualContribution-problems");
        await page.InvokeAsync(() => page.Find("[data-testid=save]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=policy-errors]").TextContent.ShouldContain("未保存"), Wait);
        page.Find("[data-testid=policy-errors] a").GetAttribute("href").ShouldEndWith("#f-individualContribution");
        (await app.VersionOfAsync(code)).ShouldBe(1);
    }

    [Fact]
    public async Task A_date_that_does_not_read_is_explained_beside_its_picker()
    {
        var code = await app.NewDraftAsync("component-date-2026");
        var (session, page) = await EditorAsync(app, code);
        await using var _ = session;

        await page.InvokeAsync(() => page.Find("#f-timing-0-paidThroughInclusive").Change("2025-13-40"));

        page.WaitForAssertion(() => page.Find("[data-problem='timing[0].paidThroughInclusive']").TextContent.ShouldContain("应为日期（如 2025-12-31）"), Wait);
    }

    [Fact]
    public async Task List_buttons_add_and_move_a_rule_in_the_circuit_and_save_nothing()
    {
        var code = await app.NewDraftAsync("component-list-2026");
        var (session, page) = await EditorAsync(app, code);
        await using var _ = session;
        var rules = page.FindAll("#subsidies [data-testid^=subsidy-]").Count;

        await page.InvokeAsync(() => page.Find("[data-testid=add-subsidy]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=list-status]").TextContent.ShouldBe("已在末尾添加一条资助规则（尚未保存）。"), Wait);
        page.FindAll("#subsidies [data-testid^=subsidy-]").Count.ShouldBe(rules + 1);
        await page.InvokeAsync(() => page.Find($"[aria-label='上移第 {rules + 1} 条资助规则']").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=list-status]").TextContent.ShouldContain($"已将第 {rules + 1} 条资助规则上移"), Wait);
        var added = page.FindAll("#subsidies [data-testid=rule-title]")[rules - 1].TextContent;
        added.ShouldStartWith($"{rules}. ");
        await page.InvokeAsync(() => page.Find($"[aria-label='删除第 1 条资助规则']").Click());
        page.WaitForAssertion(() => page.FindAll("#subsidies [data-testid^=subsidy-]").Count.ShouldBe(rules), Wait);

        (await app.VersionOfAsync(code)).ShouldBe(1);
    }

    [Fact]
    public async Task The_county_editor_asks_for_township_rows_and_a_township_campaigns_editor_offers_none()
    {
        var county = await app.NewDraftAsync("component-county-2026");
        var township = await app.NewDraftAsync("component-baogou-2026", template: "baogou-2022", township: "鲍沟镇");
        var (session, page) = await EditorAsync(app, county);
        await using var _ = session;
        var rules = page.FindAll("#subsidies [data-testid^=subsidy-]").Count;
        var townships = (await app.TownshipsAsync()).Length;

        // One button per rule instead of a select per township under every rule.
        page.FindAll("[data-testid=show-township-modes]").Count.ShouldBe(rules);
        page.FindAll("[data-testid=township-modes]").ShouldBeEmpty();
        await page.InvokeAsync(() => page.FindAll("[data-testid=show-township-modes]")[0].Click());
        page.WaitForAssertion(() => page.FindAll("[data-testid=township-modes] [id^=mode-0-]").Count.ShouldBe(townships), Wait);

        await using var other = await ComponentSession.StartAsync(app, "tz-admin");
        var baogou = other.RenderInLayout<PolicyEditPage>(new Dictionary<string, object?> { [nameof(PolicyEditPage.Code)] = township });
        baogou.WaitForAssertion(() => baogou.FindAll("#subsidies [data-testid^=subsidy-]").Count.ShouldBeGreaterThan(0), Wait);
        baogou.FindAll("[data-testid=show-township-modes]").ShouldBeEmpty();
        baogou.FindAll("[data-testid=township-modes]").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_accepted_campaign_shows_its_policy_is_final_and_no_form()
    {
        var (session, page) = await ReadOnlyAsync();
        await using var _ = session;

        page.Find("[data-testid=policy-readonly]").TextContent.ShouldBe("该征缴活动已验收，政策不能再修改。");
        page.FindAll("[data-testid=policy-form]").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_open_campaign_saves_after_a_preview_a_reason_and_a_confirmation()
    {
        var before = await app.VersionOfAsync("tengzhou-2025");
        var (session, page) = await EditorAsync(app, "tengzhou-2025");
        await using var _ = session;
        var i = (await app.OpenEditorAsync("tengzhou-2025")).Form.IndexOf("age_60_69");
        page.Find("[data-testid=save]").HasAttribute("disabled").ShouldBeTrue();

        // Typed and straight on to the button, as a quick hand does: leaving the field hands over what was typed.
        await page.InvokeAsync(() => page.Find($"#f-subsidies-{i}-share").Input("0.8"));
        await page.InvokeAsync(() => page.Find($"#f-subsidies-{i}-share").Blur());
        await page.InvokeAsync(() => page.Find("[data-testid=preview]").Click());
        page.WaitForAssertion(() => int.Parse(page.Find("[data-testid=impact-changed]").TextContent, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(0, string.Join(" | ", page.FindAll(".mud-alert, [data-problem]").Select(e => e.TextContent))), TimeSpan.FromSeconds(30));
        page.Find("[data-testid=save]").HasAttribute("disabled").ShouldBeFalse();

        // No reason: said beside the reason field, nothing saved.
        await page.InvokeAsync(() => page.Find("[data-testid=save]").Click());
        page.WaitForAssertion(() => page.Find("[data-problem=reason]").TextContent.ShouldBe("征缴中的活动修改政策必须填写原因。"), Wait);

        await page.InvokeAsync(() => page.Find("#reason").Input("县政府决定提高60—69岁老人资助比例"));
        page.WaitForAssertion(() => page.FindAll("[data-problem=reason]").ShouldBeEmpty(), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=save]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=dialog-confirm]"), Wait);
        page.Find(".mud-dialog").TextContent.ShouldContain("按新政策重新核定");
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before);
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());

        var navigation = session.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => navigation.Uri.ShouldEndWith($"/campaigns/tengzhou-2025?saved={before + 1}"), Wait);
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before + 1);
        (await app.LatestAsync("tengzhou-2025", $"{{subsidies,{i},share}}")).ShouldBe("0.8");
    }

    private async Task<(ComponentSession, IRenderedComponent<IComponent>)> ReadOnlyAsync()
    {
        var session = await ComponentSession.StartAsync(app, "tz-admin");
        var page = session.RenderInLayout<PolicyEditPage>(new Dictionary<string, object?> { [nameof(PolicyEditPage.Code)] = "tengzhou-2020" });
        page.WaitForAssertion(() => page.Find("[data-testid=policy-readonly]"), Wait);
        return (session, page);
    }
}
