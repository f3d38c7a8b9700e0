using System.Text.RegularExpressions;
using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.Versions;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// The campaign pages as the county administrator reads them, rendered with bUnit: every word Chinese (no English
/// maintainer note, no field name, no code), one name per category, open ends said in words, the list paged on the
/// server, and 结转到下一年度 behind a confirmation.
/// </summary>
public sealed partial class CampaignComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static Dictionary<string, object?> CodeOf(string code) => new() { ["Code"] = code };

    [Fact]
    public async Task The_campaign_page_reads_in_Chinese_only()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");

        var page = session.RenderInLayout<CampaignPage>(CodeOf("tengzhou-2025"));
        page.WaitForAssertion(() => page.Find("[data-testid=policy-summary]"), Wait);

        page.Find("[data-testid=campaign-status]").TextContent.ShouldBe("征缴中");
        page.Find("tr:has([data-testid=rule-tekun]) [data-testid=funding]").TextContent.ShouldBe("医疗救助资金资助");
        // One name per category (the rules engine's), the policy's own wording beside it where it has one.
        page.Find("[data-testid=rule-dibao]").TextContent.ShouldStartWith("城乡最低生活保障对象（低保对象）");
        page.Find("[data-testid=rule-age_60_69]").TextContent.ShouldStartWith("60—69岁老年人");
        // The template's notes are English interpretation notes for its maintainers: kept in the document, not shown.
        page.FindAll("[data-testid=policy-notes]").ShouldBeEmpty();
        var main = page.Find("[data-testid=campaign-name]").ParentElement!.TextContent;
        main.ShouldNotContain("Interpretation");
        main.ShouldNotContain("rules.md");
        // The newborn rule has no payment dates: said in words, never "… 至 …".
        var timing = page.Find("[data-testid=timing-rules]").TextContent;
        timing.ShouldNotContain("…");
        timing.ShouldContain("新生儿出生后 90 日内缴费，缴费日期不限，按个人缴费标准缴费，自出生之日起享受待遇");
        page.Find("[data-testid=collection-window]").TextContent.ShouldBe("2024-10-01 至 2024-12-31");
    }

    [Fact]
    public async Task A_drafts_notes_for_people_are_shown_and_the_templates_English_ones_are_not()
    {
        var code = await app.NewDraftAsync("notes-page-2026");
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");

        var page = session.RenderInLayout<CampaignPage>(CodeOf(code));
        page.WaitForAssertion(() => page.Find("[data-testid=policy-summary]"), Wait);

        var notes = page.FindAll("[data-testid=policy-notes] li").Select(li => li.TextContent).ToList();
        notes.ShouldHaveSingleItem().ShouldStartWith("由政策模板创建的草稿：日期已顺延一年；");
        page.Find("[data-testid=campaign-name]").ParentElement!.TextContent.ShouldNotContain("Interpretation");
    }

    [Fact]
    public async Task A_window_without_a_start_is_said_in_words()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");

        var page = session.RenderInLayout<CampaignPage>(CodeOf("tengzhou-2020"));
        page.WaitForAssertion(() => page.Find("[data-testid=policy-summary]"), Wait);

        page.Find("[data-testid=collection-window]").TextContent.ShouldBe("2019-12-20 前（含）缴费均在征缴期内（政策未规定开始日）");
        page.FindAll("[data-testid=edit-policy]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Carrying_a_campaign_over_asks_first_then_opens_the_new_draft_and_a_second_time_says_it_exists()
    {
        var code = await app.NewDraftAsync("carry-2026");
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");
        var page = session.RenderInLayout<CampaignPage>(CodeOf(code));
        page.WaitForAssertion(() => page.Find("[data-testid=create-next-year]"), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=create-next-year]").Click());
        page.WaitForAssertion(() => page.Find(".mud-dialog").TextContent.ShouldContain("2027 年度的征缴活动草稿"), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-cancel]").Click());
        page.WaitForAssertion(() => page.FindAll(".mud-dialog").ShouldBeEmpty(), Wait);
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'carry-2027'")).ShouldBe(0);

        await page.InvokeAsync(() => page.Find("[data-testid=create-next-year]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=dialog-confirm]"), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
        var navigation = session.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => navigation.Uri.ShouldEndWith("/campaigns/carry-2027"), Wait);
        (await app.ScalarAsync<string>("SELECT status FROM campaigns WHERE code = 'carry-2027'")).ShouldBe("draft");

        await page.InvokeAsync(() => page.Find("[data-testid=create-next-year]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=dialog-confirm]"), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
        page.WaitForAssertion(() => page.Find(".mud-snackbar").TextContent.ShouldContain("下一年度的征缴活动 carry-2027 已存在。"), Wait);
    }

    [Fact]
    public async Task Starting_the_collection_says_what_it_changes_and_the_page_then_offers_the_next_step()
    {
        var code = await app.NewDraftAsync("start-2026");
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");
        var page = session.RenderInLayout<CampaignPage>(CodeOf(code));
        page.WaitForAssertion(() => page.Find("[data-testid=campaign-next-status]").TextContent.Trim().ShouldBe("开始征缴"), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=campaign-next-status]").Click());
        page.WaitForAssertion(() => page.Find(".mud-dialog").TextContent.ShouldContain("此后修改政策须填写原因并先预览影响"), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=campaign-status]").TextContent.Trim().ShouldBe("征缴中"), Wait);
        page.Find("[data-testid=campaign-next-status]").TextContent.Trim().ShouldBe("结束征缴");
        page.Find(".mud-snackbar").TextContent.ShouldContain("已开始征缴。");
        (await app.ScalarAsync<string>("SELECT status FROM campaigns WHERE code = $1", code)).ShouldBe("open");
    }

    [Fact]
    public async Task The_version_comparison_names_and_values_every_setting_in_Chinese()
    {
        var code = await app.NewDraftAsync("compare-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        form.IndividualContribution = "420";
        form.Subsidies[form.IndexOf("dibao")].Funding = "fiscal";
        form.Subsidies[form.IndexOf("orphan")].CutoffKind = "before";
        form.Subsidies[form.IndexOf("orphan")].CutoffDate = "2025-06-30";
        form.Timing[1].NewbornDays = "60";
        (await app.SaveAsync(model, form, "测试比较")).Outcome.ShouldBe(Enrollment.Web.Features.Campaigns.PolicyEdit.PolicySaveOutcome.Saved);
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");
        session.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/campaigns/{code}/versions?from=1&to=2");

        var page = session.RenderInLayout<VersionsPage>(CodeOf(code));
        page.WaitForAssertion(() => page.FindAll("[data-testid=versions] tbody tr").Count.ShouldBe(2), Wait);

        var differences = page.Find("[data-testid=differences]");
        var contribution = differences.QuerySelector("tr:has([data-path=individualContribution])")!.TextContent;
        contribution.ShouldContain("个人缴费标准");
        contribution.ShouldContain("400.00 元");
        contribution.ShouldContain("420.00 元");
        var funding = differences.QuerySelector("tr:has([data-path='subsidies[dibao].funding'])")!.TextContent;
        funding.ShouldContain("资助规则「城乡最低生活保障对象」 · 资金来源");
        funding.ShouldContain("医疗救助资金资助");
        funding.ShouldContain("财政资助");
        differences.QuerySelector("tr:has([data-path='subsidies[orphan].firstCertified.before'])")!.TextContent.ShouldContain("首次认定日期条件 · 早于");
        differences.QuerySelector("tr:has([data-path='timing[1].newbornWithin.days'])")!.TextContent.ShouldContain("60 日");
        // No field name, code or English anywhere a person reads (the paths stay in attributes, for the tests).
        differences.TextContent.ShouldNotContain("individualContribution");
        EnglishWords().IsMatch(differences.TextContent).ShouldBeFalse(differences.TextContent);
        Regex.IsMatch(differences.TextContent, "[A-Za-z]{3,}").ShouldBeFalse(differences.TextContent);
        page.FindAll("[data-testid=version-time]").Select(t => t.TextContent).ShouldAllBe(t => t.StartsWith("2024-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_campaign_list_is_a_grid_paged_on_the_server()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");

        var page = session.RenderInLayout<CampaignListPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=campaign-tengzhou-2025]").GetAttribute("href").ShouldBe("/campaigns/tengzhou-2025"), Wait);
        page.Find("tr:has([data-testid=campaign-tengzhou-2025]) [data-testid=campaign-status]").TextContent.ShouldBe("征缴中");
        page.Find("tr:has([data-testid=campaign-baogou-2022])").TextContent.ShouldContain("鲍沟镇");
        page.Markup.ShouldContain("每页行数");
    }

    [GeneratedRegex(@"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")]
    private static partial Regex EnglishWords();
}
