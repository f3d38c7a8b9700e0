using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns.Quotas;
using static Enrollment.Web.Tests.Campaigns.QuotaData;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// Quotas per township and per village through the pages' own queries and commands, edited by the county
/// administrator, each change kept with who, when and why. The class shares one demo database, so each test works in
/// a township of its own.
/// </summary>
public sealed class QuotaTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly QuotaScope Townships = new(Tengzhou2025);

    private static readonly GridRequest FirstPage = new(0, 200);

    private async Task<GridPage<QuotaHistoryEntry>?> HistoryAsync(string login, QuotaScope scope, GridRequest? request = null)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<QuotaQueries>().HistoryAsync(scope, request ?? FirstPage);
    }

    [Fact]
    public async Task A_quota_change_needs_a_reason_and_is_kept_in_the_history()
    {
        var noReason = await app.SaveAsync("tz-admin", Townships, "  ", new() { ["鲍沟镇"] = "54321" });
        noReason.Messages.ShouldHaveSingleItem().ShouldContain("原因");
        (await app.QuotaOfAsync(await app.TownshipIdAsync("tengzhou", "鲍沟镇"))).ShouldNotBe(54321);

        var saved = await app.SaveAsync("tz-admin", Townships, "11月单独下发任务数", new() { ["鲍沟镇"] = "54321" });

        saved.Rejected.ShouldBeFalse(string.Join(" ", saved.Messages));
        saved.Saved.ShouldBe(1);
        (await app.QuotaOfAsync(await app.TownshipIdAsync("tengzhou", "鲍沟镇"))).ShouldBe(54321);
        // The 2025 quotas were generated examples (示例); one the administrator set is not.
        var rows = (await app.TableAsync("tz-admin", Townships))!.Rows;
        rows.Single(r => r.Name == "鲍沟镇").IsDemoQuota.ShouldBeFalse();
        rows.Single(r => r.Name == "滨湖镇").IsDemoQuota.ShouldBeTrue();
        var latest = (await HistoryAsync("tz-admin", Townships))!.Items[0];
        latest.ShouldBe(latest with { Name = "鲍沟镇", After = 54321, Reason = "11月单独下发任务数", By = "滕州市医保局管理员（示例）", IsDemo = false });
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'quota_changes' AND action = 'insert' AND after->>'reason' = '11月单独下发任务数'")).ShouldBe(1);
    }

    [Fact]
    public async Task Change_times_come_from_the_apps_clock_like_the_seeds_so_they_sort_as_they_happened()
    {
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await app.SaveAsync("tz-admin", Townships, "按业务时钟记录", new() { ["洪绪镇"] = "40001" });

        var history = (await HistoryAsync("tz-admin", Townships))!.Items;
        var mine = history.First(h => h.Reason == "按业务时钟记录");
        // The demo's business date is pinned to 2024-11-20: the change is recorded on it, as the seed's quotas are.
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(mine.At, clock.LocalTimeZone).DateTime).ShouldBe(new DateOnly(2024, 11, 20));
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM quota_changes WHERE (changed_at AT TIME ZONE 'Asia/Shanghai')::date <> DATE '2024-11-20'
            """)).ShouldBe(0);
        var oldestFirst = (await HistoryAsync("tz-admin", Townships, new GridRequest(0, 200, nameof(QuotaHistoryEntry.At))))!;
        oldestFirst.Items[0].By.ShouldBeNull();
        // The seed's quotas were set at the start of that day; the change later on the same day sorts after them.
        mine.At.ShouldBeGreaterThan(oldestFirst.Items[0].At);
        var newestFirst = (await HistoryAsync("tz-admin", Townships, new GridRequest(0, 200, nameof(QuotaHistoryEntry.At), Descending: true)))!;
        newestFirst.Items.Select(h => h.At).ShouldBeInOrder(SortDirection.Descending);
        newestFirst.Items.Select(h => h.Id).ShouldContain(mine.Id);
        newestFirst.Total.ShouldBe(oldestFirst.Total);
    }

    [Fact]
    public async Task A_townships_villages_are_edited_in_official_order_and_their_sum_is_compared_with_its_quota()
    {
        var township = await app.TownshipIdAsync("tengzhou", "滨湖镇");
        var villages = await app.VillagesAsync(township);
        var listed = (await app.TableAsync("tz-admin", Townships))!.Rows.Single(r => r.Name == "滨湖镇");
        listed.Villages.ShouldBe(new VillageAllocation(villages.Count, 0, 0));
        listed.IsDemoQuota.ShouldBeTrue();
        var scope = new QuotaScope(Tengzhou2025, township);
        var page = (await app.TableAsync("tz-admin", scope))!;
        page.Township!.Name.ShouldBe("滨湖镇");
        page.IsTownshipCampaign.ShouldBeFalse();
        page.Rows.Select(r => r.Name).ShouldBe(villages);
        page.Rows.ShouldAllBe(r => r.Target == null);

        // Full-width digits from a Chinese IME are read as digits.
        var saved = await app.SaveAsync("tz-admin", scope, "镇政府分解下达到村", new() { [villages[0]] = "1200", [villages[1]] = "３４５" });

        saved.Saved.ShouldBe(2);
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM quota_changes c JOIN quotas q ON q.tenant_id = c.tenant_id AND q.id = c.quota_id
            JOIN jurisdictions v ON v.tenant_id = q.tenant_id AND v.id = q.jurisdiction_id
            WHERE v.parent_id = $1 AND c.reason = '镇政府分解下达到村' AND c.previous_target IS NULL AND c.new_target IN (1200, 345)
              AND c.changed_by_user_id = (SELECT id FROM user_accounts WHERE login = 'tz-admin')
            """, township)).ShouldBe(2);
        var after = (await app.TableAsync("tz-admin", scope))!;
        after.Rows.Sum(r => r.Target ?? 0).ShouldBe(1545);
        after.Township!.Target.ShouldBe(await app.QuotaOfAsync(township));
        after.Township.Target.ShouldNotBe(1545);
        var history = (await HistoryAsync("tz-admin", scope))!;
        history.Total.ShouldBe(2);
        history.Items.Select(h => h.Name).ShouldBe([villages[1], villages[0]]);
        var listedAfter = (await app.TableAsync("tz-admin", Townships))!.Rows.Single(r => r.Name == "滨湖镇");
        listedAfter.Villages.ShouldBe(new VillageAllocation(villages.Count, 2, 1545));
        listedAfter.Villages!.Differs(listedAfter.Target).ShouldBeTrue();
        // The townships' history is the townships' own: village changes are not in it.
        (await HistoryAsync("tz-admin", Townships))!.Items.ShouldNotContain(h => h.Reason == "镇政府分解下达到村");
    }

    [Fact]
    public async Task Bad_targets_are_explained_in_Chinese_per_row_and_nothing_is_saved()
    {
        var township = await app.TownshipIdAsync("tengzhou", "东郭镇");
        var villages = await app.VillagesAsync(township);
        var scope = new QuotaScope(Tengzhou2025, township);

        var refused = await app.SaveAsync("tz-admin", scope, null, new()
        {
            [villages[0]] = "12o0", [villages[1]] = "-5", [villages[2]] = "12.5", [villages[3]] = "99999999", [villages[4]] = "100",
        });

        refused.Saved.ShouldBe(0);
        refused.Messages.ShouldBe([
            $"{villages[0]}：“12o0”不是有效的人数，请填写整数。",
            $"{villages[1]}：任务数不能为负数。",
            $"{villages[2]}：任务数是人数，须为整数。",
            $"{villages[3]}：任务数过大，不能超过 10,000,000 人。",
            "请填写调整原因：每次调整任务数都要记录原因。",
        ]);
        var ids = (await app.TableAsync("tz-admin", scope))!.Rows.Take(4).Select(r => r.JurisdictionId);
        refused.RowErrors.Keys.ShouldBe(ids, ignoreOrder: true);

        var untouched = await app.SaveAsync("tz-admin", scope, "核对", new() { [villages[0]] = "", [villages[1]] = " " });
        untouched.Messages.ShouldBe(["没有需要保存的调整：填写的任务数与当前一致。"]);
        var tooLong = await app.SaveAsync("tz-admin", scope, new string('因', QuotaSave.MaxReasonLength + 1), new() { [villages[0]] = "100" });
        tooLong.Messages.ShouldBe([$"调整原因不能超过 200 字（现为 201 字）。"]);

        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM quotas q JOIN jurisdictions v ON v.tenant_id = q.tenant_id AND v.id = q.jurisdiction_id WHERE v.parent_id = $1
            """, township)).ShouldBe(0);
    }

    [Fact]
    public async Task A_quota_once_set_cannot_be_emptied_only_set_to_zero()
    {
        var township = await app.TownshipIdAsync("tengzhou", "西岗镇");
        var village = (await app.VillagesAsync(township))[0];
        var scope = new QuotaScope(Tengzhou2025, township);
        (await app.SaveAsync("tz-admin", scope, "首次分解", new() { [village] = "60" })).Saved.ShouldBe(1);

        var emptied = await app.SaveAsync("tz-admin", scope, "清空", new() { [village] = "" });

        emptied.Messages.ShouldBe([$"{village}：已有任务数不能清空；如不再下达任务，请填 0。"]);
        (await app.SaveAsync("tz-admin", scope, "不再下达", new() { [village] = "0" })).Saved.ShouldBe(1);
        (await app.QuotaOfAsync(await app.VillageIdAsync(township, village))).ShouldBe(0);
    }

    [Fact]
    public async Task A_change_started_before_someone_elses_save_of_the_same_quota_is_refused_instead_of_undoing_it()
    {
        var township = await app.TownshipIdAsync("tengzhou", "柴胡店镇");
        var villages = await app.VillagesAsync(township);
        var scope = new QuotaScope(Tengzhou2025, township);
        (await app.SaveAsync("tz-admin", scope, "首次分解", new() { [villages[0]] = "100" })).Saved.ShouldBe(1);

        var mine = (await app.TableAsync("tz-admin", scope))!;
        var theirs = (await app.TableAsync("tz-admin", scope))!;
        (await app.SaveAsync("tz-admin", scope, "镇里追加", new() { [villages[0]] = "150" }, mine)).Saved.ShouldBe(1);

        // The second page still shows 100 for the first village: saving 80 over it would undo 150 unseen.
        var refused = await app.SaveAsync("tz-admin", scope, "另一人调整", new() { [villages[0]] = "80", [villages[1]] = "70" }, theirs);
        refused.Messages.ShouldHaveSingleItem().ShouldContain($"{villages[0]}的任务数刚刚被其他人调整过");
        refused.Conflicted.ShouldBe([await app.VillageIdAsync(township, villages[0])]);
        (await app.QuotaOfAsync(await app.VillageIdAsync(township, villages[0]))).ShouldBe(150);
        (await app.QuotaOfAsync(await app.VillageIdAsync(township, villages[1]))).ShouldBeNull();

        // A change of another quota from the same old page goes through and leaves 150 alone.
        (await app.SaveAsync("tz-admin", scope, "另一人调整", new() { [villages[1]] = "70" }, theirs)).Saved.ShouldBe(1);
        (await app.QuotaOfAsync(await app.VillageIdAsync(township, villages[0]))).ShouldBe(150);
        // From the page read again, the first village goes through too.
        (await app.SaveAsync("tz-admin", scope, "另一人调整", new() { [villages[0]] = "80" })).Saved.ShouldBe(1);
        (await app.QuotaOfAsync(await app.VillageIdAsync(township, villages[0]))).ShouldBe(80);
    }

    [Fact]
    public async Task Two_first_time_quotas_for_one_village_are_not_both_taken()
    {
        var township = await app.TownshipIdAsync("tengzhou", "羊庄镇");
        var village = (await app.VillagesAsync(township))[0];
        var scope = new QuotaScope(Tengzhou2025, township);
        var first = (await app.TableAsync("tz-admin", scope))!;
        var second = (await app.TableAsync("tz-admin", scope))!;

        (await app.SaveAsync("tz-admin", scope, "第一人", new() { [village] = "90" }, first)).Saved.ShouldBe(1);
        var refused = await app.SaveAsync("tz-admin", scope, "第二人", new() { [village] = "91" }, second);

        refused.Conflicted.ShouldHaveSingleItem();
        (await app.QuotaOfAsync(await app.VillageIdAsync(township, village))).ShouldBe(90);
    }

    [Theory]
    [InlineData("tz-baogou")]
    [InlineData("tz-staff")]
    [InlineData("tz-finance")]
    [InlineData("tz-baogou-cun")]
    public async Task Only_the_county_administrator_may_read_or_change_quotas(string login)
    {
        var baogou = await app.TownshipIdAsync("tengzhou", "鲍沟镇");
        await using var session = await app.SessionAsync(login);
        var queries = session.Get<QuotaQueries>();
        var commands = session.Get<QuotaCommands>();

        await Should.ThrowAsync<OperationRefusedException>(() => queries.TableAsync(Townships));
        await Should.ThrowAsync<OperationRefusedException>(() => queries.HistoryAsync(new QuotaScope(Tengzhou2025, baogou), FirstPage));
        await Should.ThrowAsync<OperationRefusedException>(() => commands.SaveAsync(Townships, [new QuotaEdit(baogou, "1", null)], "越权"));
        (await app.ScalarAsync<long>("SELECT count(*) FROM quota_changes WHERE reason = '越权'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_clerk_cannot_open_the_quota_pages()
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");
        var baogou = await app.TownshipIdAsync("tengzhou", "鲍沟镇");

        (await client.GetAsync("/campaigns/tengzhou-2025/quotas")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/campaigns/tengzhou-2025/quotas/{baogou}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_countys_township_a_village_or_a_township_campaign_is_not_found()
    {
        var baogou = await app.TownshipIdAsync("tengzhou", "鲍沟镇");
        var pubei = await app.TownshipIdAsync("pubei", "泉水镇");
        var village = await app.VillageIdAsync(baogou, (await app.VillagesAsync(baogou))[0]);
        QuotaScope[] foreign = [new(Tengzhou2025, pubei), new(Tengzhou2025, village), new(Tengzhou2025, 999999999), new("baogou-2022", baogou), new("nope")];
        await using (var admin = await app.SessionAsync("tz-admin"))
        {
            foreach (var scope in foreign)
            {
                (await admin.Get<QuotaQueries>().TableAsync(scope)).ShouldBeNull(scope.ToString());
                (await admin.Get<QuotaQueries>().HistoryAsync(scope, FirstPage)).ShouldBeNull(scope.ToString());
                var save = await admin.Get<QuotaCommands>().SaveAsync(scope, [new QuotaEdit(pubei, "1", null), new QuotaEdit(village, "1", null)], "越权");
                save.NotFound.ShouldBeTrue(scope.ToString());
                save.Messages.ShouldBe(["未找到该征缴活动或镇街的任务数。"]);
            }
            // On a page of its own county, a foreign place named in the save is not among its rows and is ignored.
            var ignored = await admin.Get<QuotaCommands>().SaveAsync(Townships, [new QuotaEdit(pubei, "1", null), new QuotaEdit(village, "1", null)], "越权");
            ignored.Messages.ShouldBe(["没有需要保存的调整：填写的任务数与当前一致。"]);
        }
        await using (var otherCounty = await app.SessionAsync("pb-admin"))
        {
            (await otherCounty.Get<QuotaQueries>().TableAsync(new QuotaScope(Tengzhou2025, baogou))).ShouldBeNull();
            (await otherCounty.Get<QuotaQueries>().TableAsync(new QuotaScope("pubei-2020", baogou))).ShouldBeNull();
            (await otherCounty.Get<QuotaQueries>().HistoryAsync(new QuotaScope("pubei-2020", baogou), FirstPage)).ShouldBeNull();
            (await otherCounty.Get<QuotaCommands>().SaveAsync(new QuotaScope("pubei-2020", baogou), [new QuotaEdit(village, "1", null)], "越权")).NotFound.ShouldBeTrue();
            (await otherCounty.Get<QuotaQueries>().TableAsync(new QuotaScope("pubei-2020"))).ShouldNotBeNull();
        }
        (await app.ScalarAsync<long>("SELECT count(*) FROM quota_changes WHERE reason = '越权'")).ShouldBe(0);

        // The pages answer 404 the same way (prerendered: a real status).
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-admin");
        foreach (var url in new[] { $"/campaigns/tengzhou-2025/quotas/{pubei}", $"/campaigns/tengzhou-2025/quotas/{village}", "/campaigns/tengzhou-2025/quotas/999999999", $"/campaigns/baogou-2022/quotas/{baogou}", "/campaigns/nope/quotas" })
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
        (await client.GetAsync("/campaigns/tengzhou-2025/quotas")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/campaigns/tengzhou-2025/quotas/{baogou}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_township_campaign_lists_its_villages_under_their_groupings_in_official_order()
    {
        await app.QufuAdminAsync();
        var xiaoxue = await app.TownshipIdAsync("qufu", "小雪街道");

        var table = (await app.TableAsync(QufuAdmin, new QuotaScope("xiaoxue-2020")))!;

        table.Township!.Id.ShouldBe(xiaoxue);
        table.IsTownshipCampaign.ShouldBeTrue();
        table.Rows.Select(r => r.Grouping).Distinct().ShouldBe(["小雪管区", "北兴管区", "凫村管区", "三合管区", "白杨管区"]);
        var expected = await app.ScalarAsync<string>("""
            SELECT string_agg(v.name, '|' ORDER BY g.display_order, v.display_order, v.id) FROM jurisdictions v
            JOIN jurisdictions g ON g.tenant_id = v.tenant_id AND g.id = v.parent_id AND g.level = 'grouping'
            WHERE g.parent_id = $1 AND v.level = 'village'
            """, xiaoxue);
        table.Rows.Select(r => r.Name).ShouldBe(expected.Split('|'));
        table.Rows[0].IsDemoQuota.ShouldBeTrue();
        table.Rows.ShouldAllBe(r => r.Villages == null);
        (await app.TableAsync(QufuAdmin, new QuotaScope("xiaoxue-2020", xiaoxue))).ShouldBeNull();
    }

    public const string QufuAdmin = "qf-admin-quotas";

    [Theory]
    [InlineData("1200", 1200)]
    [InlineData(" １２３ ", 123)]
    [InlineData("12,345", 12345)]
    [InlineData("12，345", 12345)]
    [InlineData("0", 0)]
    public void Targets_are_read_as_people_type_them(string text, int expected) =>
        QuotaTarget.Parse(text).ShouldBe(new ParsedTarget(ParsedTargetKind.Number, expected));

    [Theory]
    [InlineData("-5", "负数")]
    [InlineData("－5", "负数")]
    [InlineData("12.5", "整数")]
    [InlineData("1,23", "不是有效的人数")]
    [InlineData("一百", "不是有效的人数")]
    [InlineData("10000001", "过大")]
    [InlineData("99999999999", "过大")]
    public void Bad_targets_say_why(string text, string why) =>
        QuotaTarget.Parse(text).Error!.ShouldContain(why);

    [Theory]
    [InlineData(null, "", null, null)]
    [InlineData(100, "", "已有任务数不能清空；如不再下达任务，请填 0", null)]
    [InlineData(100, "100", null, null)]
    [InlineData(100, "１００", null, null)]
    [InlineData(100, "0", null, 0)]
    [InlineData(null, "8OO", "“8OO”不是有效的人数，请填写整数", null)]
    public void A_typed_target_is_checked_against_the_current_one(int? current, string text, string? error, int? change) =>
        QuotaTarget.Check(current, text).ShouldBe(new TargetCheck(error, change));
}
