using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Features.Campaigns.Status;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>
/// A campaign's life, 草稿 → 征缴中 → 已结束 → 已验收, moved by the county administrator one step at a time: opening needs
/// a valid policy and no other open campaign of that year over the same area; a stale page or a skipped step is refused.
/// </summary>
public sealed class CampaignStatusTests(DemoApp app) : IClassFixture<DemoApp>
{
    private Task<string> StatusOfAsync(string code) => app.ScalarAsync<string>(
        "SELECT c.status FROM campaigns c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'tengzhou' AND c.code = $1", code);

    private async Task<CampaignStatusAnswer> MoveAsync(string code, CampaignStatus seen, CampaignStatus next, string login = "tz-admin")
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<CampaignStatusCommands>().MoveAsync(code, seen, next);
    }

    [Fact]
    public async Task Next_years_draft_opens_once_this_year_is_over_then_closes_and_is_accepted_each_step_audited()
    {
        await using (var session = await app.SessionAsync("tz-admin"))
        {
            (await session.Get<RolloverCommands>().CreateNextYearAsync("tengzhou-2025")).Code.ShouldBe("tengzhou-2026");
        }

        // Skipping a step, or a page that shows an old status, changes nothing.
        (await MoveAsync("tengzhou-2026", CampaignStatus.Draft, CampaignStatus.Closed)).Message.ShouldBe("不能这样更改征缴活动的状态。");
        (await MoveAsync("tengzhou-2026", CampaignStatus.Open, CampaignStatus.Closed)).Message.ShouldBe("该征缴活动的状态刚被他人改为“草稿”，请刷新页面后再操作。");
        (await StatusOfAsync("tengzhou-2026")).ShouldBe("draft");

        var opened = await MoveAsync("tengzhou-2026", CampaignStatus.Draft, CampaignStatus.Open);
        opened.ShouldBe(new CampaignStatusAnswer(true, "已开始征缴。"));
        (await StatusOfAsync("tengzhou-2026")).ShouldBe("open");
        (await MoveAsync("tengzhou-2026", CampaignStatus.Open, CampaignStatus.Closed)).Moved.ShouldBeTrue();
        (await MoveAsync("tengzhou-2026", CampaignStatus.Closed, CampaignStatus.Accepted)).Moved.ShouldBeTrue();
        (await StatusOfAsync("tengzhou-2026")).ShouldBe("accepted");
        (await MoveAsync("tengzhou-2026", CampaignStatus.Accepted, CampaignStatus.Draft)).Moved.ShouldBeFalse();

        (await app.ScalarAsync<string>("""
            SELECT string_agg(after->>'status', ',' ORDER BY id) FROM audit_log
            WHERE entity = 'campaigns' AND action = 'update' AND actor = 'tz-admin' AND before->>'code' = 'tengzhou-2026'
            """)).ShouldBe("open,closed,accepted");
    }

    [Fact]
    public async Task A_second_open_campaign_of_the_same_year_over_the_same_area_is_refused()
    {
        // A township's own 2025 campaign, while the county's 2025 campaign is open: the areas overlap.
        long township;
        await using (var session = await app.SessionAsync("tz-admin"))
        {
            var commands = session.Get<NewCampaignCommands>();
            township = (await commands.SetupAsync()).Townships[0].Id;
            var answer = await commands.CreateAsync(new NewCampaignForm { Template = "tengzhou-2025", PolicyYear = 2025, TownshipId = township, Code = "status-test-2025" });
            answer.Code.ShouldBe("status-test-2025", string.Join("；", answer.Errors.Values));
        }

        var refused = await MoveAsync("status-test-2025", CampaignStatus.Draft, CampaignStatus.Open);

        refused.Moved.ShouldBeFalse();
        refused.Message.ShouldStartWith("同一年度、同一范围已有正在征缴的活动“");
        (await StatusOfAsync("status-test-2025")).ShouldBe("draft");
    }

    [Theory]
    [InlineData("tz-baogou")]
    [InlineData("tz-staff")]
    [InlineData("tz-finance")]
    public async Task Only_the_county_administrator_moves_a_campaign(string login)
    {
        await Should.ThrowAsync<OperationRefusedException>(() => MoveAsync("tengzhou-2025", CampaignStatus.Open, CampaignStatus.Closed, login));
        (await StatusOfAsync("tengzhou-2025")).ShouldBe("open");
    }

    [Fact]
    public async Task Another_countys_administrator_finds_no_such_campaign()
    {
        (await MoveAsync("tengzhou-2025", CampaignStatus.Open, CampaignStatus.Closed, "pb-admin")).Message.ShouldBe("找不到该征缴活动。");
        (await StatusOfAsync("tengzhou-2025")).ShouldBe("open");
    }
}
