using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Transfers;
using Enrollment.Web.Tests.Components;

namespace Enrollment.Web.Tests.Transfers;

/// <summary>The transfer grid and the pending counts, rendered with bUnit on the demo data as each role.</summary>
public sealed class TransferComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<long> RequestAsync(int nth)
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", nth);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var session = await app.SessionAsync("tz-baogou");
        // A theory's cases share the request: the second time, the pending one is the answer.
        var answer = await session.Get<TransferCommands>().RequestAsync(citizenId, await app.VillageOfAsync("鲍沟镇"), "已迁入本村");
        (answer.Ok || answer.PendingRequestId is not null).ShouldBeTrue(answer.Message);
        return await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId);
    }

    [Fact]
    public async Task The_holder_sees_the_request_with_approve_and_reject_and_the_requester_only_withdraw()
    {
        var requestId = await RequestAsync(10);

        await using (var holder = await ComponentSession.StartAsync(app, "tz-binhu"))
        {
            var grid = holder.RenderInLayout<TransferGrid>(Grid(TransferListKind.Waiting, "waiting"));
            grid.WaitForAssertion(() => grid.Find($"[data-testid=transfer-{requestId}]"), TimeSpan.FromSeconds(10));
            var row = grid.Find($"tr:has([data-testid=transfer-{requestId}])");
            row.QuerySelector("[data-testid=approve]").ShouldNotBeNull();
            row.QuerySelector("[data-testid=reject]").ShouldNotBeNull();
            row.QuerySelector("[data-testid=withdraw]").ShouldBeNull();
            row.QuerySelector("[data-testid=transfer-status]")!.TextContent.ShouldBe("待审批");
            grid.Find("[data-testid=transfers-waiting-list]").TextContent.ShouldContain("待本方审批（");
        }

        await using var requester = await ComponentSession.StartAsync(app, "tz-baogou");
        var mine = requester.RenderInLayout<TransferGrid>(Grid(TransferListKind.Mine, "mine"));
        mine.WaitForAssertion(() => mine.Find($"[data-testid=transfer-{requestId}]"), TimeSpan.FromSeconds(10));
        var mineRow = mine.Find($"tr:has([data-testid=transfer-{requestId}])");
        mineRow.QuerySelector("[data-testid=approve]").ShouldBeNull();
        mineRow.QuerySelector("[data-testid=withdraw]").ShouldNotBeNull();
        // The pager speaks Chinese.
        mine.Markup.ShouldContain("每页行数");
        mine.Markup.ShouldNotContain("Rows per page");
    }

    [Fact]
    public async Task Rejecting_in_the_grid_asks_for_a_reason_in_a_dialog_and_says_what_happened()
    {
        var requestId = await RequestAsync(15);
        await using var holder = await ComponentSession.StartAsync(app, "tz-binhu");
        var page = holder.RenderInLayout<TransferGrid>(Grid(TransferListKind.Waiting, "waiting"));
        page.WaitForAssertion(() => page.Find($"[data-testid=transfer-{requestId}]"), TimeSpan.FromSeconds(10));

        await page.InvokeAsync(() => page.Find($"tr:has([data-testid=transfer-{requestId}]) [data-testid=reject]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=dialog-confirm]"));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
        // No reason: the dialog stays and says what is missing; nothing changed.
        page.WaitForAssertion(() => page.Markup.ShouldContain("请填写驳回理由。"));
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("pending");

        await page.InvokeAsync(() => page.Find(".mud-dialog textarea").Input("户籍未迁出"));
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-confirm]").Click());
        page.WaitForAssertion(() => page.Markup.ShouldContain("已驳回该转移申请。"), TimeSpan.FromSeconds(10));
        (await app.ScalarAsync<string>("SELECT status || ':' || decision_note FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("rejected:户籍未迁出");
    }

    [Theory]
    [InlineData("tz-binhu", true, false)]
    [InlineData("tz-baogou-cun", false, true)]
    [InlineData("tz-finance", false, false)]
    public async Task The_counts_show_each_role_what_waits_and_link_to_it(string login, bool waiting, bool mine)
    {
        await RequestAsync(20);
        await using var session = await ComponentSession.StartAsync(app, login);

        var full = session.Render<TransferCounts>();
        var compact = session.Render<TransferCounts>(p => p.Add(c => c.Compact, true));

        full.WaitForAssertion(() =>
        {
            (full.FindAll("[data-testid=transfers-waiting]").Count > 0).ShouldBe(waiting);
            (full.FindAll("[data-testid=transfers-mine]").Count > 0).ShouldBe(mine);
        });
        if (waiting)
        {
            full.Find("[data-testid=transfers-waiting]").GetAttribute("href").ShouldBe("/transfers#waiting");
            full.Find("[data-testid=transfers-waiting]").TextContent.ShouldMatch(@"^待处理转移申请 [1-9]\d* 件$");
            // The two render on their own: the compact one may load a moment after the full one.
            compact.WaitForAssertion(() => compact.Find("[data-testid=transfers-badge]").TextContent.ShouldMatch(@"^[1-9]\d*件待处理$"));
        }
        if (!waiting && !mine)
        {
            full.Markup.Trim().ShouldBeEmpty();
            compact.Markup.Trim().ShouldBeEmpty();
        }
    }

    private static Dictionary<string, object?> Grid(TransferListKind kind, string anchor) => new()
    {
        [nameof(TransferGrid.Kind)] = kind,
        [nameof(TransferGrid.Filter)] = new TransferFilter(),
        [nameof(TransferGrid.Anchor)] = anchor,
        [nameof(TransferGrid.Title)] = kind == TransferListKind.Waiting ? "待本方审批" : "本方申请、待对方审批",
        [nameof(TransferGrid.Empty)] = "暂无",
    };
}
