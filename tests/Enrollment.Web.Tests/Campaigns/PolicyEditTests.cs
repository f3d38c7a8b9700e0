using System.Net;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.Campaigns.Rollover;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// Campaign configuration through the pages' own handlers: a draft changes freely, an open campaign only with a
/// reason after an impact preview; every change is a new, audited version; accepted campaigns are final; only the
/// county administrator of the campaign's own county gets in.
/// </summary>
public sealed class PolicyEditTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly string[] Pages = ["/campaigns", "/campaigns/tengzhou-2025", "/campaigns/tengzhou-2025/policy/edit", "/campaigns/tengzhou-2025/versions"];

    [Theory]
    [InlineData("tz-baogou")]
    [InlineData("tz-staff")]
    [InlineData("tz-finance")]
    public async Task Other_roles_of_the_same_county_are_refused_by_every_page_and_handler(string login)
    {
        var before = await app.VersionOfAsync("tengzhou-2025");
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);
        foreach (var url in Pages)
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        await using var session = await app.SessionAsync(login);
        var queries = session.Get<CampaignQueries>();
        var editor = session.Get<PolicyEditor>();
        var form = (await app.OpenEditorAsync("tengzhou-2025")).Form;
        await Should.ThrowAsync<OperationRefusedException>(() => queries.PageAsync(new GridRequest(0, 25)));
        await Should.ThrowAsync<OperationRefusedException>(() => queries.CampaignAsync("tengzhou-2025"));
        await Should.ThrowAsync<OperationRefusedException>(() => queries.VersionsHeaderAsync("tengzhou-2025"));
        await Should.ThrowAsync<OperationRefusedException>(() => queries.VersionsAsync("tengzhou-2025", new GridRequest(0, 25)));
        await Should.ThrowAsync<OperationRefusedException>(() => queries.VersionAsync("tengzhou-2025", 1));
        await Should.ThrowAsync<OperationRefusedException>(() => queries.CompareAsync("tengzhou-2025", 1, 1));
        await Should.ThrowAsync<OperationRefusedException>(() => editor.OpenAsync("tengzhou-2025"));
        await Should.ThrowAsync<OperationRefusedException>(() => editor.PreviewAsync("tengzhou-2025", before, form));
        await Should.ThrowAsync<OperationRefusedException>(() => editor.SaveAsync("tengzhou-2025", before, form, "越权", null));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<RolloverCommands>().CreateNextYearAsync("tengzhou-2025"));
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before);
    }

    [Fact]
    public async Task Another_countys_administrator_finds_none_of_this_countys_campaigns()
    {
        var before = await app.VersionOfAsync("tengzhou-2025");
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "pb-admin");
        // Their own list opens; a campaign of 滕州 is as missing as one that does not exist.
        (await client.GetAsync("/campaigns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var url in Pages.Skip(1).Append("/campaigns/tengzhou-2025/versions/1"))
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        await using var session = await app.SessionAsync("pb-admin");
        var queries = session.Get<CampaignQueries>();
        (await queries.PageAsync(new GridRequest(0, 200))).Items.Select(c => c.Code).ShouldAllBe(code => code.StartsWith("pubei", StringComparison.Ordinal));
        (await queries.CampaignAsync("tengzhou-2025")).ShouldBeNull();
        (await queries.VersionsHeaderAsync("tengzhou-2025")).ShouldBeNull();
        (await queries.VersionAsync("tengzhou-2025", 1)).ShouldBeNull();
        (await queries.CompareAsync("tengzhou-2025", 1, 1)).ShouldBeNull();
        (await queries.VersionsAsync("tengzhou-2025", new GridRequest(0, 25))).Total.ShouldBe(0);
        (await session.Get<PolicyEditor>().OpenAsync("tengzhou-2025")).ShouldBeNull();
        var form = (await app.OpenEditorAsync("tengzhou-2025")).Form;
        (await session.Get<PolicyEditor>().SaveAsync("tengzhou-2025", before, form, "越权", null)).Outcome.ShouldBe(PolicySaveOutcome.NotFound);
        (await session.Get<PolicyEditor>().PreviewAsync("tengzhou-2025", before, form)).Outcome.ShouldBe(PolicySaveOutcome.NotFound);
        (await session.Get<RolloverCommands>().CreateNextYearAsync("tengzhou-2025")).Created.ShouldBeFalse();
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before);
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'pubei' AND c.code LIKE 'tengzhou%'")).ShouldBe(0);
    }

    [Fact]
    public async Task Next_year_is_created_as_a_draft_with_dates_moved_on_a_year()
    {
        // The only test of this class that carries tengzhou-2025 over, so the first call creates and the second refuses.
        await using var session = await app.SessionAsync("tz-admin");
        var rollover = session.Get<RolloverCommands>();

        var created = await rollover.CreateNextYearAsync("tengzhou-2025");

        created.Code.ShouldBe("tengzhou-2026");
        (await app.ScalarAsync<string>("SELECT status FROM campaigns WHERE code = 'tengzhou-2026'")).ShouldBe("draft");
        (await app.ScalarAsync<DateOnly>("SELECT window_end FROM campaigns WHERE code = 'tengzhou-2026'")).ShouldBe(new DateOnly(2025, 12, 31));
        (await app.LatestAsync("tengzhou-2026", "{policyYear}")).ShouldBe("2026");
        (await app.LatestAsync("tengzhou-2026", "{version}")).ShouldBe("1");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'campaigns' AND action = 'insert' AND after->>'code' = 'tengzhou-2026'")).ShouldBe(1);
        (await app.ScalarAsync<string>("SELECT actor FROM audit_log WHERE entity = 'campaigns' AND action = 'insert' AND after->>'code' = 'tengzhou-2026'")).ShouldBe("tz-admin");

        var again = await rollover.CreateNextYearAsync("tengzhou-2025");
        again.Created.ShouldBeFalse();
        again.Error.ShouldBe("下一年度的征缴活动 tengzhou-2026 已存在。");
    }

    [Fact]
    public async Task A_draft_share_change_is_saved_as_a_new_audited_version()
    {
        var code = await app.NewDraftAsync("share-change-2026");
        var audits = await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'campaign_policy_versions' AND action = 'insert'");
        var (model, form) = await app.OpenEditorAsync(code);
        form.Subsidies[form.IndexOf("age_60_69")].Share = "0.6";

        var saved = await app.SaveAsync(model, form);

        saved.Outcome.ShouldBe(PolicySaveOutcome.Saved);
        saved.Version.ShouldBe(2);
        (await app.VersionOfAsync(code)).ShouldBe(2);
        (await app.LatestAsync(code, $"{{subsidies,{form.IndexOf("age_60_69")},share}}")).ShouldBe("0.6");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'campaign_policy_versions' AND action = 'insert'")).ShouldBe(audits + 1);
        (await app.ScalarAsync<string>("SELECT actor FROM audit_log WHERE entity = 'campaign_policy_versions' ORDER BY id DESC LIMIT 1")).ShouldBe("tz-admin");
        (await app.ScalarAsync<string>("SELECT v.reason FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id WHERE c.code = $1 AND v.version = 2", code))
            .ShouldBe("修改草稿政策");
    }

    [Fact]
    public async Task An_invalid_share_is_explained_in_Chinese_at_its_field_and_nothing_is_saved()
    {
        var code = await app.NewDraftAsync("bad-share-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        var i = form.IndexOf("age_60_69");
        form.Subsidies[i].Share = "1.5";

        var check = PolicyEditor.Check(model, form);
        var saved = await app.SaveAsync(model, form);

        check.Problems.Single(p => p.Path == $"subsidies[{i}].share").ChineseMessage.ShouldContain("资助比例应大于 0 且不超过 1");
        saved.Outcome.ShouldBe(PolicySaveOutcome.Invalid);
        saved.Check!.HasErrors.ShouldBeTrue();
        (await app.VersionOfAsync(code)).ShouldBe(1);
    }

    [Theory]
    [InlineData("99999999999999999999", "「个人缴费标准」应在 0.01 至 10,000 元之间")]
    [InlineData("-5", "「个人缴费标准」应在 0.01 至 10,000 元之间")]
    [InlineData("10000.01", "「个人缴费标准」应在 0.01 至 10,000 元之间")]
    [InlineData("四百", "「个人缴费标准」应填写数字")]
    public async Task An_absurd_contribution_is_refused_at_its_field_before_anything_is_previewed_or_saved(string typed, string message)
    {
        // The open campaign: before this check the preview added up billions and the save's re-quote overflowed (a 500).
        var (model, form) = await app.OpenEditorAsync("tengzhou-2025");
        var before = await app.VersionOfAsync("tengzhou-2025");
        form.IndividualContribution = typed;

        var check = PolicyEditor.Check(model, form);
        await using var session = await app.SessionAsync("tz-admin");
        var preview = await session.Get<PolicyEditor>().PreviewAsync(model.Code, model.BaseVersion, form);
        var saved = await session.Get<PolicyEditor>().SaveAsync(model.Code, model.BaseVersion, form, "试图保存", check.Fingerprint);

        check.Problems.Single(p => p.Path == "individualContribution").ChineseMessage.ShouldStartWith(message);
        preview.Outcome.ShouldBe(PolicySaveOutcome.Invalid);
        preview.Impact.ShouldBeNull();
        saved.Outcome.ShouldBe(PolicySaveOutcome.Invalid);
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before);
    }

    [Theory]
    [InlineData("NewbornMonths", "1000", "timing[1].newbornWithin", "应在 1 至 12 个月之间")]
    [InlineData("NewbornDays", "400", "timing[1].newbornWithin", "应在 1 至 366 天之间")]
    [InlineData("NewbornDays", "99999999999", "timing[1].newbornWithin", "应填写整数")]
    [InlineData("PaidThrough", "9999-12-31", "timing[1].paidThroughInclusive", "应在 2000-01-01 至 2100-12-31 之间")]
    public async Task Every_number_and_date_the_editor_takes_has_a_sensible_range(string field, string typed, string path, string message)
    {
        var code = await app.NewDraftAsync($"range-{field.ToLowerInvariant()}-{typed.Length}");
        var (model, form) = await app.OpenEditorAsync(code);
        var newborn = form.Timing[1];
        newborn.NewbornMonths = null;
        newborn.NewbornDays = "90";
        typeof(TimingEdit).GetProperty(field)!.SetValue(newborn, typed);

        var check = PolicyEditor.Check(model, form);
        var saved = await app.SaveAsync(model, form);

        check.Problems.Where(p => p.Path == path).Select(p => p.ChineseMessage).ShouldContain(m => m.Contains(message, StringComparison.Ordinal));
        saved.Outcome.ShouldBe(PolicySaveOutcome.Invalid);
        (await app.VersionOfAsync(code)).ShouldBe(1);
    }

    [Fact]
    public async Task An_open_campaign_saves_only_the_previewed_change_and_only_with_a_reason()
    {
        var before = await app.VersionOfAsync("tengzhou-2025");
        var (model, form) = await app.OpenEditorAsync("tengzhou-2025");
        model.Open.ShouldBeTrue();
        form.Subsidies[form.IndexOf("age_60_69")].Share = "1";
        await using var session = await app.SessionAsync("tz-admin");
        var editor = session.Get<PolicyEditor>();
        const string reason = "市政府通知：60—69岁老人全额资助";

        // Straight to save without a preview: nothing is saved, the preview comes back instead.
        var unpreviewed = await editor.SaveAsync(model.Code, model.BaseVersion, form, reason, previewed: null);
        unpreviewed.Outcome.ShouldBe(PolicySaveOutcome.PreviewRequired);
        unpreviewed.Impact.ShouldNotBeNull();
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before);

        // The preview: the residents aged 60–69 now pay nothing; the fiscal levels bear the difference.
        var preview = await editor.PreviewAsync(model.Code, model.BaseVersion, form);
        var impact = preview.Impact!;
        impact.Changed.ShouldBeGreaterThan(0);
        impact.PayableDelta.ShouldBeLessThan(0m);
        impact.SubsidyDelta.ShouldBe(-impact.PayableDelta);
        (impact.CountyDelta + impact.TownshipDelta).ShouldBe(impact.SubsidyDelta);
        // Some switch from the half-township family-planning rule to the (earlier, now equal) age rule.
        impact.TownshipDelta.ShouldBeLessThanOrEqualTo(0m);

        // A change made after the preview is not what was previewed.
        var changedSince = (await app.OpenEditorAsync("tengzhou-2025")).Form;
        changedSince.Subsidies[changedSince.IndexOf("age_60_69")].Share = "0.9";
        (await editor.SaveAsync(model.Code, model.BaseVersion, changedSince, reason, preview.Check!.Fingerprint)).Outcome.ShouldBe(PolicySaveOutcome.PreviewRequired);

        // Confirming without a reason is refused.
        (await editor.SaveAsync(model.Code, model.BaseVersion, form, "  ", preview.Check!.Fingerprint)).Outcome.ShouldBe(PolicySaveOutcome.ReasonRequired);
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before);

        var saved = await editor.SaveAsync(model.Code, model.BaseVersion, form, reason, preview.Check.Fingerprint);
        saved.Outcome.ShouldBe(PolicySaveOutcome.Saved);
        (await app.VersionOfAsync("tengzhou-2025")).ShouldBe(before + 1);
        (await app.ScalarAsync<string>("""
            SELECT v.reason FROM campaign_policy_versions v JOIN campaigns c ON c.id = v.campaign_id AND c.tenant_id = v.tenant_id
            WHERE c.code = 'tengzhou-2025' ORDER BY v.version DESC LIMIT 1
            """)).ShouldBe(reason);

        // The edit began at the old version: a second save from it is a conflict, not a silent overwrite.
        (await editor.SaveAsync(model.Code, model.BaseVersion, form, reason, preview.Check.Fingerprint)).Outcome.ShouldBe(PolicySaveOutcome.Conflict);

        // Version times come from the app's clock (the pinned business date): the seeded version is older, not newer.
        var versions = (await session.Get<CampaignQueries>().VersionsAsync("tengzhou-2025", new GridRequest(0, 50, nameof(VersionRow.Version))))
            .Items.OrderBy(v => v.Version).ToList();
        versions.Select(v => v.CreatedAt).ShouldBeInOrder(SortDirection.Ascending);
        var today = DateOnly.Parse("2024-11-20", System.Globalization.CultureInfo.InvariantCulture);
        versions.ShouldAllBe(v => DateOnly.FromDateTime(v.CreatedAt.ToOffset(TimeSpan.FromHours(8)).DateTime) <= today);
        versions[^1].By.ShouldBe("滕州市医保局管理员（示例）");
        versions[0].By.ShouldBe("系统");
    }

    [Fact]
    public async Task Versions_are_listed_viewed_and_compared_setting_by_setting_in_Chinese()
    {
        var code = await app.NewDraftAsync("versions-2026");
        var (model, form) = await app.OpenEditorAsync(code);
        form.IndividualContribution = "420";
        var dibao = form.IndexOf("dibao");
        form.Subsidies[dibao].Mode = "reimburse";
        form.Timing[0].Interrupted = true;
        (await app.SaveAsync(model, form, "省定 2026 年个人缴费标准")).Outcome.ShouldBe(PolicySaveOutcome.Saved);
        await using var session = await app.SessionAsync("tz-admin");
        var queries = session.Get<CampaignQueries>();

        var list = await queries.VersionsAsync(code, new GridRequest(0, 25));
        var compared = (await queries.CompareAsync(code, 1, 2))!;
        var view = (await queries.VersionAsync(code, 1))!;

        list.Total.ShouldBe(2);
        list.Items.Select(v => v.Version).ShouldBe([2, 1]);
        list.Items[0].Reason.ShouldBe("省定 2026 年个人缴费标准");
        var contribution = compared.Changes.Single(c => c.Path == "individualContribution");
        contribution.Setting.ShouldBe("个人缴费标准");
        (contribution.Before, contribution.After).ShouldBe(("400.00 元", "420.00 元"));
        var mode = compared.Changes.Single(c => c.Path == "subsidies[dibao].mode");
        mode.Setting.ShouldBe("资助规则「城乡最低生活保障对象」 · 资助方式");
        (mode.Before, mode.After).ShouldBe(("代缴", "先缴费后补助"));
        var history = compared.Changes.Single(c => c.Path == "timing[0].history");
        (history.Setting, history.After).ShouldBe(("缴费时间规则第 1 条 · 适用参保情况", "中断后续保"));
        // Every compared setting and value reads in Chinese: no field name, code or English sentence.
        compared.Changes.ShouldAllBe(c => !System.Text.RegularExpressions.Regex.IsMatch(c.Setting + c.Before + c.After, "[A-Za-z]{3,}"));
        view.Document.IndividualContribution.ShouldBe(400m);
        (await queries.VersionAsync(code, 7)).ShouldBeNull();
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        (await client.GetAsync($"/campaigns/{code}/versions/7")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/campaigns/{code}/versions/2")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_accepted_campaign_is_read_only()
    {
        var (model, form) = await app.OpenEditorAsync("tengzhou-2020");
        var before = await app.VersionOfAsync("tengzhou-2020");

        var saved = await app.SaveAsync(model, form, "试图修改已验收活动");

        model.Status.ShouldBe(CampaignStatus.Accepted);
        model.Editable.ShouldBeFalse();
        saved.Outcome.ShouldBe(PolicySaveOutcome.ReadOnly);
        (await app.VersionOfAsync("tengzhou-2020")).ShouldBe(before);
    }

    [Fact]
    public async Task The_campaign_list_pages_and_sorts_on_the_server()
    {
        await using var session = await app.SessionAsync("tz-admin");
        var queries = session.Get<CampaignQueries>();

        var newest = await queries.PageAsync(new GridRequest(0, 2));
        var oldest = await queries.PageAsync(new GridRequest(0, 2, nameof(CampaignRow.PolicyYear)));
        var all = await queries.PageAsync(new GridRequest(0, 200));

        newest.Items.Count.ShouldBe(2);
        newest.Total.ShouldBe(all.Total);
        all.Items.Select(c => c.PolicyYear).ShouldBeInOrder(SortDirection.Descending);
        oldest.Items[0].PolicyYear.ShouldBe(all.Items.Min(c => c.PolicyYear));
        all.Items.Single(c => c.Code == "baogou-2022").Township.ShouldBe("鲍沟镇");
        all.Items.Single(c => c.Code == "tengzhou-2025").Version.ShouldBeGreaterThanOrEqualTo(1);
    }
}
