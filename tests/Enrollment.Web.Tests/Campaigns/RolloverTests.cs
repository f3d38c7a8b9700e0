using System.Net;
using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>The demo with next year's county draft (tengzhou-2026) carried over once, when the fixture starts.</summary>
public sealed class NextYearApp : DemoApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var session = await this.SessionAsync("tz-admin");
        var answer = await session.Get<RolloverCommands>().CreateNextYearAsync("tengzhou-2025");
        answer.Code.ShouldBe("tengzhou-2026", answer.Error);
    }
}

/// <summary>
/// 结转参保名单: the administrator starts the roll-over, it runs in the background, the campaign page's section follows
/// it from the circuit (the worker announces each change), and the new campaign's enrollments carry the history
/// derived from last year.
/// </summary>
public sealed class RolloverTests(NextYearApp app) : IClassFixture<NextYearApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_administrator_rolls_this_years_roster_into_the_next_year_draft()
    {
        await using var session = await app.SessionAsync("tz-admin");
        var queries = session.Get<RolloverQueries>();
        var before = (await queries.ViewAsync("tengzhou-2026"))!;
        before.Enrolled.ShouldBe(0);
        before.Source!.Name.ShouldContain("滕州市2025年度");
        before.CanRollOver.ShouldBeTrue();

        (await session.Get<RolloverCommands>().StartAsync("tengzhou-2026")).ShouldBe(RolloverStart.Queued);
        var done = await FinishedAsync(queries, "tengzhou-2026");

        var created = await EnrolledAsync("tengzhou-2026");
        created.ShouldBeGreaterThan(0);
        done.Job!.Result!.Created.ShouldBe(created);
        done.Enrolled.ShouldBe((int)created);
        // Those who paid in 2025 continue in 2026.
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.tenant_id = e.tenant_id
            WHERE c.code = 'tengzhou-2026' AND e.history = 'continuing'
            """)).ShouldBeGreaterThan(0);

        // Again: nobody is added twice.
        (await session.Get<RolloverCommands>().StartAsync("tengzhou-2026")).ShouldBe(RolloverStart.Queued);
        var again = await FinishedAsync(queries, "tengzhou-2026");
        (again.Job!.Result!.Created, again.Job.Result.AlreadyEnrolled).ShouldBe((0, created));
        (await EnrolledAsync("tengzhou-2026")).ShouldBe(created);
    }

    [Theory]
    [InlineData("tz-staff")]
    [InlineData("tz-baogou")]
    public async Task Other_roles_of_the_county_can_neither_see_nor_start_a_roll_over(string login)
    {
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);
        (await client.GetAsync("/campaigns/tengzhou-2026")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var session = await app.SessionAsync(login);
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<RolloverQueries>().ViewAsync("tengzhou-2026"));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<RolloverCommands>().StartAsync("tengzhou-2026"));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<RolloverCommands>().CreateNextYearAsync("tengzhou-2026"));
    }

    [Fact]
    public async Task Another_countys_administrator_finds_no_campaign_to_roll_into()
    {
        await using var session = await app.SessionAsync("pb-admin");

        (await session.Get<RolloverQueries>().ViewAsync("tengzhou-2026")).ShouldBeNull();
        (await session.Get<RolloverCommands>().StartAsync("tengzhou-2026")).ShouldBe(RolloverStart.NotFound);
        (await session.Get<RolloverCommands>().CreateNextYearAsync("tengzhou-2026")).Error.ShouldBe("找不到该征缴活动。");
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE code = 'tengzhou-2027'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_campaign_without_a_previous_year_or_already_accepted_offers_no_roll_over()
    {
        await using var session = await app.SessionAsync("tz-admin");
        var queries = session.Get<RolloverQueries>();

        var first = (await queries.ViewAsync("tengzhou-2020"))!;
        first.Source.ShouldBeNull();
        first.CanRollOver.ShouldBeFalse();
        (await session.Get<RolloverCommands>().StartAsync("tengzhou-2020")).ShouldBe(RolloverStart.NotPossible);

        // 浦北's 2020 campaign has its 2019 campaign before it, but it is accepted: its roster is final.
        await using (var pubei = await app.SessionAsync("pb-admin"))
        {
            var accepted = (await pubei.Get<RolloverQueries>().ViewAsync("pubei-2020"))!;
            accepted.Source!.Code.ShouldBe("pubei-2019");
            accepted.CanRollOver.ShouldBeFalse();
            (await pubei.Get<RolloverCommands>().StartAsync("pubei-2020")).ShouldBe(RolloverStart.NotPossible);
        }

        await using var component = await ComponentSession.StartAsync(app, "tz-admin");
        var section = component.RenderInLayout<RolloverSection>(new Dictionary<string, object?> { [nameof(RolloverSection.Code)] = "tengzhou-2020" });
        section.WaitForAssertion(() => section.Find("[data-testid=rollover]").TextContent.ShouldContain("本县没有上一年度（2019 年度）同一范围的征缴活动"), TimeSpan.FromSeconds(10));
        section.FindAll("[data-testid=start-rollover]").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_section_follows_a_township_roll_over_from_the_circuit_until_it_is_done()
    {
        // 鲍沟镇's own campaign for 2023, carried over from its 2022 campaign (the township's, not the county's).
        var code = await app.NewDraftAsync("baogou-2023", template: "baogou-2022", year: 2023, township: "鲍沟镇");
        await using var session = await ComponentSession.StartAsync(app, "tz-admin");
        // This session's own worker, as the app runs it: the jobs the section queues are done here.
        var workers = session.Context.Services.GetServices<IHostedService>().ToList();
        workers.ShouldNotBeEmpty();
        foreach (var worker in workers)
        {
            await worker.StartAsync(CancellationToken.None);
        }
        try
        {
            var section = session.RenderInLayout<RolloverSection>(new Dictionary<string, object?> { [nameof(RolloverSection.Code)] = code });
            section.WaitForAssertion(() => section.Find("[data-testid=start-rollover]").TextContent.Trim().ShouldBe("从 鲍沟镇2022年度居民基本医疗保险参保征缴 结转参保名单"), TimeSpan.FromSeconds(10));
            section.Find("[data-testid=rollover-enrolled]").TextContent.ShouldBe("0");

            await section.InvokeAsync(() => section.Find("[data-testid=start-rollover]").Click());
            section.WaitForAssertion(() => section.Find("[data-testid=dialog-confirm]"), TimeSpan.FromSeconds(10));
            section.Find(".mud-dialog").TextContent.ShouldContain("已在名单中的人员不变");
            await section.InvokeAsync(() => section.Find("[data-testid=dialog-confirm]").Click());

            // No reload, no polling: the worker's announcement brings the result.
            section.WaitForAssertion(() => section.Find("[data-testid=rollover-done]").TextContent.ShouldStartWith("已结转：新增"), Wait);
            var created = await EnrolledAsync(code);
            created.ShouldBeGreaterThan(0);
            section.WaitForAssertion(() => section.Find("[data-testid=rollover-enrolled]").TextContent.ShouldBe(created.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromSeconds(10));
            section.Find("[data-testid=rollover-done]").TextContent.ShouldContain($"新增 {created:N0} 人");
            section.FindAll("[data-testid=rollover-running]").ShouldBeEmpty();
            // Only 鲍沟镇's residents were carried over into 鲍沟镇's campaign.
            (await app.ScalarAsync<long>("""
                SELECT count(*) FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.tenant_id = e.tenant_id
                JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
                JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
                JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND t.id = c.jurisdiction_id
                WHERE c.code = $1 AND v.path NOT LIKE t.path || '%'
                """, code)).ShouldBe(0);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
            }
        }
    }

    private static async Task<RolloverView> FinishedAsync(RolloverQueries queries, string code)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var view = (await queries.ViewAsync(code))!;
            if (view.Job is { Busy: false } job)
            {
                job.State.ShouldBe(RolloverJobState.Done, job.Failure);
                job.Result!.Error.ShouldBeNull();
                return view;
            }
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the roll-over did not finish");
            await Task.Delay(100);
        }
    }

    private Task<long> EnrolledAsync(string code) => app.ScalarAsync<long>("""
        SELECT count(*) FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.tenant_id = e.tenant_id WHERE c.code = $1
        """, code);
}
