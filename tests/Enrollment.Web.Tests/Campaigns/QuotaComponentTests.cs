using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Tests.Components;
using static Enrollment.Web.Tests.Campaigns.QuotaData;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// The quota pages rendered with bUnit on the demo data as the county administrator: targets checked as typed, the
/// reason asked in a dialog, outcomes in a snackbar, refusals beside the fields. Each test edits a township of its own.
/// </summary>
public sealed class QuotaComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(ComponentSession Session, IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Page)> TownshipPageAsync(long township)
    {
        var session = await ComponentSession.StartAsync(app, "tz-admin");
        var page = session.RenderInLayout<TownshipQuotasPage>(new Dictionary<string, object?>
        {
            [nameof(TownshipQuotasPage.Code)] = Tengzhou2025,
            [nameof(TownshipQuotasPage.TownshipId)] = township,
        });
        page.WaitForAssertion(() => page.Find("[data-testid=allocation-summary]"), Wait);
        return (session, page);
    }

    private static Task TypeAsync(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, long place, string text) =>
        page.InvokeAsync(() => page.Find($"#target-{place}").Input(text));

    /// <summary>Submits the form (Enter or the button) and answers the reason dialog with <paramref name="reason"/>.</summary>
    private static async Task SaveAsync(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string reason)
    {
        await page.InvokeAsync(() => page.Find("[data-testid=quota-form]").Submit());
        page.WaitForAssertion(() => page.Find(".mud-dialog textarea"), Wait);
        await page.InvokeAsync(() => page.Find(".mud-dialog textarea").Input(reason));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
    }

    [Fact]
    public async Task A_bad_target_is_explained_as_typed_and_a_good_one_is_saved_with_the_reason_asked_in_a_dialog()
    {
        var township = await app.TownshipIdAsync("tengzhou", "滨湖镇");
        var village = (await app.VillagesAsync(township))[0];
        var villageId = await app.VillageIdAsync(township, village);
        var townshipTarget = await app.QuotaOfAsync(township);
        var (session, page) = await TownshipPageAsync(township);
        await using var _ = session;
        page.Find("h1").TextContent.ShouldContain("滨湖镇");
        page.Find("[data-testid=allocation-none]");
        page.Find($"label[for=target-{villageId}]").TextContent.ShouldBe(village);

        await TypeAsync(page, villageId, "8OO");

        page.WaitForAssertion(() => page.Find($"tr:has(#target-{villageId})").TextContent.ShouldContain("“8OO”不是有效的人数，请填写整数"));
        page.Find($"#target-{villageId}").GetAttribute("aria-invalid").ShouldBe("true");
        // Saving now lists what to fix and asks nothing.
        await page.InvokeAsync(() => page.Find("[data-testid=quota-form]").Submit());
        page.Find("[data-testid=quota-error]").TextContent.ShouldContain($"{village}：“8OO”不是有效的人数，请填写整数。");
        page.FindAll(".mud-dialog").ShouldBeEmpty();

        await TypeAsync(page, villageId, "800");
        page.WaitForAssertion(() => page.Find($"tr:has(#target-{villageId})").TextContent.ShouldNotContain("不是有效的人数"));
        page.Find("[data-testid=quota-total]").TextContent.ShouldBe("合计 800 人");
        await page.InvokeAsync(() => page.Find("[data-testid=quota-form]").Submit());
        page.WaitForAssertion(() => page.Find(".mud-dialog").TextContent.ShouldContain($"将调整 1 项任务数（{village} 未设置 → 800）"), Wait);
        // The reason is required: confirming without one keeps the dialog open and says so; nothing is saved.
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
        page.WaitForAssertion(() => page.Markup.ShouldContain("请填写调整原因。"));
        (await app.QuotaOfAsync(villageId)).ShouldBeNull();
        await page.InvokeAsync(() => page.Find(".mud-dialog textarea").Input("镇政府分解下达到村"));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());

        page.WaitForAssertion(() => page.Markup.ShouldContain("已调整 1 项任务数。"), Wait);
        (await app.QuotaOfAsync(villageId)).ShouldBe(800);
        page.WaitForAssertion(() => page.Find("[data-testid=allocation-warning]").TextContent
            .ShouldContain($"分配到村的任务数合计 800 人，与镇街任务数 {townshipTarget:N0} 人不一致"), Wait);
        page.Find("[data-testid=village-sum]").TextContent.ShouldContain("800 人（1/");
        page.FindAll("[data-testid=quota-error]").ShouldBeEmpty();
        page.WaitForAssertion(() =>
        {
            var latest = page.Find("[data-testid=quota-history] tbody tr").TextContent;
            latest.ShouldContain(village);
            latest.ShouldContain("镇政府分解下达到村");
            latest.ShouldContain("滕州市医保局管理员（示例）");
            latest.ShouldContain("2024-11-20");
        }, Wait);

        // The township list shows the split and that it differs from the township's quota.
        var villageCount = (await app.VillagesAsync(township)).Count;
        await session.Context.DisposeComponentsAsync();
        var list = session.RenderInLayout<QuotasPage>(new Dictionary<string, object?> { [nameof(QuotasPage.Code)] = Tengzhou2025 });
        list.WaitForAssertion(() => list.Find("tr:has([data-testid=quota-滨湖镇]) [data-testid=village-allocation]").TextContent
            .ShouldContain($"已分配到村 1/{villageCount} 个，合计 800 人"), Wait);
        list.Find("tr:has([data-testid=quota-滨湖镇]) [data-testid=allocation-differs]").TextContent.ShouldBe("与镇街任务数不一致");
    }

    [Fact]
    public async Task Someone_elses_save_of_the_same_quota_is_shown_and_what_else_was_typed_is_kept()
    {
        var township = await app.TownshipIdAsync("tengzhou", "柴胡店镇");
        var villages = await app.VillagesAsync(township);
        var (first, second) = (await app.VillageIdAsync(township, villages[0]), await app.VillageIdAsync(township, villages[1]));
        var (session, page) = await TownshipPageAsync(township);
        await using var _ = session;
        await TypeAsync(page, first, "120");
        await TypeAsync(page, second, "70");

        (await app.SaveAsync("tz-admin", new QuotaScope(Tengzhou2025, township), "镇里追加", new() { [villages[0]] = "150" })).Saved.ShouldBe(1);
        await SaveAsync(page, "另一人调整");

        page.WaitForAssertion(() => page.Find("[data-testid=quota-error]").TextContent.ShouldContain($"{villages[0]}的任务数刚刚被其他人调整过"), Wait);
        page.Find($"#target-{first}").GetAttribute("value").ShouldBe("150");
        page.Find($"#target-{second}").GetAttribute("value").ShouldBe("70");
        (await app.QuotaOfAsync(first)).ShouldBe(150);
        (await app.QuotaOfAsync(second)).ShouldBeNull();

        await SaveAsync(page, "另一人调整");
        page.WaitForAssertion(() => page.Markup.ShouldContain("已调整 1 项任务数。"), Wait);
        (await app.QuotaOfAsync(second)).ShouldBe(70);
        (await app.QuotaOfAsync(first)).ShouldBe(150);
    }

    [Fact]
    public async Task Saving_without_a_change_says_so_and_asks_nothing()
    {
        var (session, page) = await TownshipPageAsync(await app.TownshipIdAsync("tengzhou", "东郭镇"));
        await using var _ = session;

        await page.InvokeAsync(() => page.Find("[data-testid=quota-form]").Submit());

        page.Find("[data-testid=quota-error]").TextContent.ShouldBe("没有需要保存的调整：填写的任务数与当前一致。");
        page.FindAll(".mud-dialog").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_township_list_links_each_township_to_its_villages_and_labels_examples()
    {
        var binhu = await app.TownshipIdAsync("tengzhou", "滨湖镇");
        var villages = await app.VillagesAsync(binhu);
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");

        var page = session.RenderInLayout<QuotasPage>(new Dictionary<string, object?> { [nameof(QuotasPage.Code)] = Tengzhou2025 });

        page.WaitForAssertion(() => page.Find("[data-testid=quota-滨湖镇]"), Wait);
        var row = page.Find("tr:has([data-testid=quota-滨湖镇])");
        row.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/campaigns/tengzhou-2025/quotas/{binhu}");
        row.QuerySelector("a")!.TextContent.ShouldBe("分村任务数（滨湖镇）");
        row.QuerySelector("[data-testid=village-allocation]")!.TextContent.ShouldContain($"已分配到村 0/{villages.Count} 个");
        row.QuerySelector("[data-testid=demo-badge]")!.TextContent.ShouldBe("示例");
        page.FindAll("[data-testid=quota-grouping]").ShouldBeEmpty();
        var export = page.Find("[data-testid=quota-export]");
        export.GetAttribute("href").ShouldBe("/campaigns/tengzhou-2025/quotas.xlsx");
        export.HasAttribute("download").ShouldBeTrue();
        page.WaitForAssertion(() => page.Find("[data-testid=quota-history] tbody tr").TextContent.ShouldContain("系统"), Wait);
        page.Markup.ShouldContain("每页行数");
    }

    [Fact]
    public async Task A_township_campaign_lists_its_villages_under_their_grouping_headings_without_links()
    {
        await app.QufuAdminAsync();
        await using var session = await ComponentSession.StartAsync(app, QuotaTests.QufuAdmin);

        var page = session.RenderInLayout<QuotasPage>(new Dictionary<string, object?> { [nameof(QuotasPage.Code)] = "xiaoxue-2020" });

        page.WaitForAssertion(() => page.Find("[data-testid=quota-grouping]"), Wait);
        page.FindAll("[data-testid=quota-grouping]").Select(g => g.TextContent).ShouldBe(["小雪管区", "北兴管区", "凫村管区", "三合管区", "白杨管区"]);
        page.Find("[data-testid=quota-form] tbody tr").TextContent.ShouldContain("示例");
        page.FindAll("[data-testid=quota-form] a").ShouldBeEmpty();
        page.Markup.ShouldContain("本次征缴由小雪街道组织");
    }
}
