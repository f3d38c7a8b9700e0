using System.Globalization;
using System.Net;
using System.Security.Claims;
using Enrollment.Data;
using Enrollment.Data.Tenancy;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Transfers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Enrollment.Web.Tests.Registration;

/// <summary>转移申请: a 鲍沟镇 clerk asks for a 滨湖镇 resident; only 滨湖镇 (or the county) decides.</summary>
public sealed class TransferTests(DemoApp app) : IClassFixture<DemoApp>
{
    /// <summary>
    /// Asks for the <paramref name="nth"/> 滨湖镇 resident. Tests use numbers at least five apart: an approval moves one
    /// resident out of 滨湖镇 and shifts the later ones by one, and the tests of a class share one database.
    /// </summary>
    private async Task<(long ResidentId, string CitizenId, long RequestId, RegistrationClient Requester)> RequestAsync(int nth, bool lastVillage = false)
    {
        var residentId = await RegistrationClient.NthResidentOfAsync(app, "滨湖镇", nth);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var requester = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var answer = await requester.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇", lastVillage));
        answer.ShouldContain("已提交转移申请，待滨湖镇或县医保局审批。");
        var requestId = await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId);
        return (residentId, citizenId, requestId, requester);
    }

    [Fact]
    public async Task Approving_moves_the_resident_into_the_requesters_scope_and_out_of_the_holders()
    {
        var (residentId, _, requestId, requester) = await RequestAsync(10);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);

        // The requester sees their request, but not who it is, and cannot decide it.
        var mine = await requester.Http.GetStringAsync("/transfers");
        RegistrationClient.Parse(mine).QuerySelector($"[data-testid=transfer-{requestId}] [data-testid=transfer-status]")!.TextContent.ShouldBe("待审批");
        mine.ShouldNotContain(name);
        RegistrationClient.Parse(mine).QuerySelector($"[data-testid=transfer-{requestId}] [data-testid=approve]").ShouldBeNull();
        (await requester.DecideAsync(requestId, "approve")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var holder = await RegistrationClient.SignInAsync(app, "tz-binhu");
        var pending = RegistrationClient.Parse(await holder.Http.GetStringAsync("/transfers"));
        pending.QuerySelector($"[data-testid=transfer-{requestId}]")!.TextContent.ShouldContain(name);
        var approved = await holder.DecideAsync(requestId, "approve");
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        approved.Headers.Location!.ToString().ShouldBe($"/transfers?done=approved#transfer-{requestId}");

        (await requester.Http.GetAsync($"/residents/{residentId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await holder.Http.GetAsync($"/residents/{residentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM residents WHERE id = $1 AND household_id IS NULL AND relation_to_head IS NULL AND village_id = $2",
            residentId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇"))).ShouldBe(1);
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'tz-binhu' AND entity IN ('residents', 'transfer_requests') AND action = 'update' AND (entity_key->>'id')::bigint IN ($1, $2)",
            residentId, requestId)).ShouldBe(2);
        // Both sides keep the decided request in their list; the requester now sees the name.
        (await requester.Http.GetStringAsync("/transfers")).ShouldContain(name);
        RegistrationClient.Parse(await holder.Http.GetStringAsync("/transfers"))
            .QuerySelector($"[data-testid=transfer-{requestId}] [data-testid=transfer-status]")!.TextContent.ShouldBe("已批准");
    }

    [Fact]
    public async Task Rejecting_needs_a_note_and_leaves_the_resident_where_they_are()
    {
        var (residentId, _, requestId, requester) = await RequestAsync(11);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);
        var holder = await RegistrationClient.SignInAsync(app, "tz-binhu");

        (await holder.DecideAsync(requestId, "reject")).Headers.Location!.ToString().ShouldBe($"/transfers?done=note-required#transfer-{requestId}");
        (await holder.DecideAsync(requestId, "reject", "户籍未迁出")).Headers.Location!.ToString().ShouldBe($"/transfers?done=rejected#transfer-{requestId}");

        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await app.ScalarAsync<string>("SELECT status || ':' || decision_note FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("rejected:户籍未迁出");
        RegistrationClient.Parse(await requester.Http.GetStringAsync("/transfers"))
            .QuerySelector($"[data-testid=transfer-{requestId}] [data-testid=transfer-status]")!.TextContent.ShouldBe("已驳回（户籍未迁出）");
        (await requester.Http.GetAsync($"/residents/{residentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_holding_side_or_the_county_may_decide()
    {
        var (_, citizenId, requestId, requester) = await RequestAsync(12);

        // A second request for the same resident waits for the first.
        (await requester.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇")))
            .ShouldContain("该人员已有一件待审批的转移申请");
        // The requesting township's clerk: the resident is outside their township.
        (await requester.DecideAsync(requestId, "approve")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A village collector never decides; a request id that does not exist looks the same.
        var collector = await RegistrationClient.SignInAsync(app, "tz-baogou-cun");
        (await collector.DecideAsync(requestId, "approve")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var holder = await RegistrationClient.SignInAsync(app, "tz-binhu");
        (await holder.DecideAsync(999_999_999, "approve")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Another county's administrator sees nothing of it.
        var pubei = await RegistrationClient.SignInAsync(app, "pb-admin");
        (await pubei.DecideAsync(requestId, "approve")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("pending");

        // The county decides anything in the county.
        var county = await RegistrationClient.SignInAsync(app, "tz-admin");
        (await county.DecideAsync(requestId, "approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("approved");
    }

    [Fact]
    public async Task The_requester_withdraws_a_pending_request_recorded_and_audited()
    {
        var (residentId, citizenId, requestId, requester) = await RequestAsync(20);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);

        // The holding side, the county and another county cannot withdraw what they did not ask for.
        var holder = await RegistrationClient.SignInAsync(app, "tz-binhu");
        (await WithdrawAsync(holder, requestId)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WithdrawAsync(await RegistrationClient.SignInAsync(app, "tz-admin"), requestId)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WithdrawAsync(await RegistrationClient.SignInAsync(app, "pb-admin"), requestId)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var page = RegistrationClient.Parse(await requester.Http.GetStringAsync("/transfers"));
        page.QuerySelector($"[data-testid=transfers-mine-list] [data-testid=transfer-{requestId}] [data-testid=withdraw]").ShouldNotBeNull();
        var withdrawn = await WithdrawAsync(requester, requestId, "误报，已核实未迁入");
        withdrawn.Headers.Location!.ToString().ShouldBe($"/transfers?done=withdrawn#transfer-{requestId}");

        (await app.ScalarAsync<string>(
            "SELECT t.status || ':' || u.login || ':' || t.decision_note FROM transfer_requests t JOIN user_accounts u ON u.id = t.decided_by_user_id WHERE t.id = $1",
            requestId)).ShouldBe("cancelled:tz-baogou:误报，已核实未迁入");
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'tz-baogou' AND entity = 'transfer_requests' AND action = 'update' AND (entity_key->>'id')::bigint = $1 AND after->>'status' = 'cancelled'",
            requestId)).ShouldBe(1);
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        var closed = RegistrationClient.Parse(await holder.Http.GetStringAsync("/transfers"))
            .QuerySelector($"[data-testid=transfers-closed-list] [data-testid=transfer-{requestId}] [data-testid=transfer-status]")!;
        closed.TextContent.ShouldBe("已撤回（误报，已核实未迁入）");

        // Once withdrawn it can be neither decided nor withdrawn again, and the person may be asked for anew.
        (await holder.DecideAsync(requestId, "approve")).Headers.Location!.ToString().ShouldBe($"/transfers?done=closed#transfer-{requestId}");
        (await WithdrawAsync(requester, requestId)).Headers.Location!.ToString().ShouldBe($"/transfers?done=closed#transfer-{requestId}");
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await requester.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇"))).ShouldContain("已提交转移申请");
    }

    [Fact]
    public async Task The_requesters_township_withdraws_a_village_collectors_request()
    {
        // A 鲍沟镇 collector asks for a 滨湖镇 resident into their own village; the 鲍沟镇 clerk may withdraw it.
        var residentId = await RegistrationClient.NthResidentOfAsync(app, "滨湖镇", 25);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var collector = await RegistrationClient.SignInAsync(app, "tz-baogou-cun");
        (await collector.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇"))).ShouldContain("已提交转移申请");
        var requestId = await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId);

        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");
        (await WithdrawAsync(clerk, requestId)).Headers.Location!.ToString().ShouldBe($"/transfers?done=withdrawn#transfer-{requestId}");
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("cancelled");
    }

    [Fact]
    public async Task Approving_after_the_resident_moved_refuses_and_marks_the_request_lapsed()
    {
        var (residentId, citizenId, requestId, requester) = await RequestAsync(30);
        // After the request, the 滨湖镇 record is edited to another 滨湖镇 village.
        var otherVillage = await RegistrationClient.VillageOfAsync(app, "滨湖镇", last: true);
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldNotBe(otherVillage);
        await app.ScalarAsync<object>("UPDATE residents SET village_id = $2 WHERE id = $1", residentId, otherVillage);

        var holder = await RegistrationClient.SignInAsync(app, "tz-binhu");
        var row = RegistrationClient.Parse(await holder.Http.GetStringAsync("/transfers")).QuerySelector($"[data-testid=transfer-{requestId}]")!;
        row.QuerySelector("[data-testid=transfer-moved]").ShouldNotBeNull();
        var answer = await holder.DecideAsync(requestId, "approve");
        answer.Headers.Location!.ToString().ShouldBe($"/transfers?done=lapsed#transfer-{requestId}");
        (await holder.Http.GetStringAsync(answer.Headers.Location.ToString())).ShouldContain("该申请已失效");

        // Nobody moved; the request is closed as lapsed with the reason, for both sides to read.
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(otherVillage);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("superseded");
        RegistrationClient.Parse(await requester.Http.GetStringAsync("/transfers"))
            .QuerySelector($"[data-testid=transfer-{requestId}] [data-testid=transfer-status]")!.TextContent.ShouldStartWith("已失效（");
        // The requester may ask again, now against where the resident lives.
        (await requester.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇"))).ShouldContain("已提交转移申请");
        (await app.ScalarAsync<long>("SELECT from_village_id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId)).ShouldBe(otherVillage);
    }

    [Fact]
    public async Task Approving_after_the_resident_died_moves_nobody_and_lapses_the_request()
    {
        var (residentId, _, requestId, _) = await RequestAsync(40);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);
        await app.ScalarAsync<object>("UPDATE residents SET status = 'deceased' WHERE id = $1", residentId);

        var holder = await RegistrationClient.SignInAsync(app, "tz-binhu");
        var answer = await holder.DecideAsync(requestId, "approve");

        answer.Headers.Location!.ToString().ShouldBe($"/transfers?done=lapsed#transfer-{requestId}");
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("superseded");
        (await app.ScalarAsync<string>("SELECT decision_note FROM transfer_requests WHERE id = $1", requestId)).ShouldContain("人员状态");
    }

    [Fact]
    public async Task A_decision_on_a_page_rendered_before_a_withdrawal_changes_nothing()
    {
        var (residentId, _, requestId, requester) = await RequestAsync(35);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);
        var holder = await RegistrationClient.SignInAsync(app, "tz-binhu");
        var form = RegistrationClient.Parse(await holder.Http.GetStringAsync("/transfers"))
            .QuerySelector($"[data-testid=transfer-{requestId}] form[action$=approve]")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields.ShouldContainKey(TransferScope.VersionField);

        (await WithdrawAsync(requester, requestId)).Headers.Location!.ToString().ShouldBe($"/transfers?done=withdrawn#transfer-{requestId}");
        // Put it back to pending behind the app's back: only the row version still tells the page is out of date.
        await app.ScalarAsync<object>("UPDATE transfer_requests SET status = 'pending', decided_at = NULL, decided_by_user_id = NULL WHERE id = $1", requestId);

        var answer = await holder.Http.PostAsync($"/transfers/{requestId}/approve", new FormUrlEncodedContent(fields));
        answer.Headers.Location!.ToString().ShouldBe($"/transfers?done=closed#transfer-{requestId}");
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("pending");
        await app.ScalarAsync<object>("UPDATE transfer_requests SET status = 'cancelled', decided_at = now() WHERE id = $1", requestId);
    }

    [Fact]
    public async Task A_second_request_points_to_the_pending_one_only_for_those_who_may_see_it()
    {
        // The clerk asks into 鲍沟镇's last village; the collector works in its first one.
        var (_, citizenId, requestId, requester) = await RequestAsync(40, lastVillage: true);

        var again = RegistrationClient.Parse(await requester.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇")));
        again.QuerySelector("[data-testid=transfer-result]")!.TextContent.ShouldContain("该人员已有一件待审批的转移申请");
        again.QuerySelector("[data-testid=pending-transfer]")!.GetAttribute("href").ShouldBe($"/transfers#transfer-{requestId}");

        var collector = await RegistrationClient.SignInAsync(app, "tz-baogou-cun");
        var theirs = RegistrationClient.Parse(await collector.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇")));
        theirs.QuerySelector("[data-testid=transfer-result]")!.TextContent.ShouldContain("该人员已有一件待审批的转移申请");
        theirs.QuerySelector("[data-testid=pending-transfer]").ShouldBeNull();
        (await app.ScalarAsync<long>("SELECT count(*) FROM transfer_requests WHERE id <> $1 AND resident_id = (SELECT resident_id FROM transfer_requests WHERE id = $1)", requestId)).ShouldBe(0);
    }

    [Fact]
    public async Task Scope_hides_a_request_from_everyone_outside_its_two_sides()
    {
        var (residentId, _, requestId, _) = await RequestAsync(45, lastVillage: true);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);

        // A collector of another 鲍沟镇 village and another county: not in their lists, every action 404.
        foreach (var login in new[] { "tz-baogou-cun", "pb-admin" })
        {
            var outsider = await RegistrationClient.SignInAsync(app, login);
            var page = await outsider.Http.GetAsync("/transfers");
            if (page.StatusCode == HttpStatusCode.OK)
            {
                var html = await page.Content.ReadAsStringAsync();
                RegistrationClient.Parse(html).QuerySelector($"[data-testid=transfer-{requestId}]").ShouldBeNull();
                html.ShouldNotContain(name);
            }
            (await WithdrawAsync(outsider, requestId)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.DecideAsync(requestId, "approve")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.DecideAsync(requestId, "reject", "无")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        // Finance never sees the transfer pages at all.
        var finance = await RegistrationClient.SignInAsync(app, "tz-finance");
        (await finance.Http.GetAsync("/transfers")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("pending");
        // The county sees who it is; the holding township too.
        (await (await RegistrationClient.SignInAsync(app, "tz-staff")).Http.GetStringAsync("/transfers")).ShouldContain(name);
    }

    [Fact]
    public async Task Waiting_counts_per_role()
    {
        var logins = new[] { "tz-binhu", "tz-baogou", "tz-baogou-cun", "tz-admin", "tz-staff", "pb-admin", "tz-finance" };
        var before = new Dictionary<string, PendingTransferCounts>();
        foreach (var login in logins)
        {
            before[login] = await CountsAsync(login);
        }

        // 鲍沟镇 asks for a 滨湖镇 resident into its first village (the collector's).
        var (_, _, requestId, _) = await RequestAsync(50);

        Delta(before, "tz-binhu", await CountsAsync("tz-binhu")).ShouldBe((1, 0));        // decides it
        Delta(before, "tz-admin", await CountsAsync("tz-admin")).ShouldBe((1, 0));        // the county decides anything
        Delta(before, "tz-staff", await CountsAsync("tz-staff")).ShouldBe((1, 0));
        Delta(before, "tz-baogou", await CountsAsync("tz-baogou")).ShouldBe((0, 1));      // asked, waits for the other side
        Delta(before, "tz-baogou-cun", await CountsAsync("tz-baogou-cun")).ShouldBe((0, 1));
        Delta(before, "pb-admin", await CountsAsync("pb-admin")).ShouldBe((0, 0));
        (await CountsAsync("tz-finance")).ShouldBe(new PendingTransferCounts(0, 0));

        // The page's sections say the same: waiting for the holder, asked by the requester.
        var holder = RegistrationClient.Parse(await (await RegistrationClient.SignInAsync(app, "tz-binhu")).Http.GetStringAsync("/transfers"));
        holder.QuerySelector($"[data-testid=transfers-waiting-list] [data-testid=transfer-{requestId}]").ShouldNotBeNull();
        holder.QuerySelector("#waiting")!.TextContent.ShouldBe($"待本方审批（{(await CountsAsync("tz-binhu")).Waiting} 件）");
        var requester = RegistrationClient.Parse(await (await RegistrationClient.SignInAsync(app, "tz-baogou")).Http.GetStringAsync("/transfers"));
        var row = requester.QuerySelector($"[data-testid=transfers-mine-list] [data-testid=transfer-{requestId}]")!;
        row.QuerySelector("[data-testid=requested-by]")!.TextContent.ShouldBe("鲍沟镇医保办经办人（示例）");
        row.QuerySelector("[data-testid=requested-at]")!.TextContent.ShouldBe(await app.ScalarAsync<string>(
            "SELECT to_char(requested_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM transfer_requests WHERE id = $1", requestId));
        requester.QuerySelector($"[data-testid=transfers-waiting-list] [data-testid=transfer-{requestId}]").ShouldBeNull();
    }

    [Fact]
    public async Task The_county_list_follows_official_township_order_newest_first_within()
    {
        var binhuFirst = (await RequestAsync(55)).RequestId;
        var binhuSecond = (await RequestAsync(60)).RequestId;
        // 滨湖镇 asks for a 鲍沟镇 resident: that request waits for 鲍沟镇.
        var residentId = await RegistrationClient.NthResidentOfAsync(app, "鲍沟镇", 100);
        var binhu = await RegistrationClient.SignInAsync(app, "tz-binhu");
        (await binhu.RequestTransferAsync(
            await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId),
            await RegistrationClient.VillageOfAsync(app, "滨湖镇"))).ShouldContain("已提交转移申请");
        var baogouHeld = await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId);

        var county = RegistrationClient.Parse(await (await RegistrationClient.SignInAsync(app, "tz-admin")).Http.GetStringAsync("/transfers"));
        var order = county.QuerySelectorAll("[data-testid=transfers-waiting-list] tbody tr").Select(r => r.GetAttribute("data-testid")).ToList();
        var baogouFirst = await app.ScalarAsync<bool>("""
            SELECT b.display_order < h.display_order FROM jurisdictions b, jurisdictions h
            WHERE b.name = '鲍沟镇' AND h.name = '滨湖镇' AND b.level = 'township' AND h.level = 'township' AND b.tenant_id = h.tenant_id
            """);
        int At(long id) => order.IndexOf($"transfer-{id}");
        (At(binhuSecond) < At(binhuFirst)).ShouldBeTrue();   // newest first within 滨湖镇
        (At(baogouHeld) < At(binhuSecond)).ShouldBe(baogouFirst);
        (At(baogouHeld) < At(binhuFirst)).ShouldBe(baogouFirst);
    }

    [Fact]
    public async Task The_count_component_shows_each_role_what_waits_and_links_to_it()
    {
        await RequestAsync(65);

        var holder = RegistrationClient.Parse(await RenderCountsAsync("tz-binhu", compact: false));
        var waiting = holder.QuerySelector("[data-testid=transfers-waiting]")!;
        waiting.TextContent.ShouldBe($"待处理转移申请 {(await CountsAsync("tz-binhu")).Waiting} 件");
        waiting.GetAttribute("href").ShouldBe("/transfers#waiting");
        RegistrationClient.Parse(await RenderCountsAsync("tz-binhu", compact: true))
            .QuerySelector("[data-testid=transfers-badge]")!.TextContent.ShouldBe($"{(await CountsAsync("tz-binhu")).Waiting}件待处理");

        // A collector decides nothing: only what their side asked for.
        var collector = RegistrationClient.Parse(await RenderCountsAsync("tz-baogou-cun", compact: false));
        collector.QuerySelector("[data-testid=transfers-waiting]").ShouldBeNull();
        collector.QuerySelector("[data-testid=transfers-mine]")!.TextContent.ShouldBe($"本方申请待对方审批 {(await CountsAsync("tz-baogou-cun")).Mine} 件");
        // Finance never sees transfers.
        (await RenderCountsAsync("tz-finance", compact: false)).Trim().ShouldBeEmpty();

        // Placed on the home page and in the navigation.
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-binhu");
        var home = RegistrationClient.Parse(await client.GetStringAsync("/"));
        home.QuerySelector("main [data-testid=transfers-waiting]")!.TextContent.ShouldBe(waiting.TextContent);
        home.QuerySelector("#main-nav a[href='/transfers'] [data-testid=transfers-badge]").ShouldNotBeNull();
    }

    /// <summary>Renders the count component as a page would, for the user's scope and claims.</summary>
    private async Task<string> RenderCountsAsync(string login, bool compact)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
        var user = await db.UserAccounts.AsNoTracking().SingleAsync(u => u.Login == login);
        await UserScope.EnterAsync(db, user);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Role, user.Role.ToString())], "test"));
        var http = new DefaultHttpContext { User = principal, RequestServices = scope.ServiceProvider };
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<CascadingValue<HttpContext>>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(CascadingValue<HttpContext>.Value)] = http,
                [nameof(CascadingValue<HttpContext>.ChildContent)] = (RenderFragment)(b =>
                {
                    b.OpenComponent<TransferCounts>(0);
                    b.AddComponentParameter(1, nameof(TransferCounts.Compact), compact);
                    b.CloseComponent();
                }),
            }));
            return output.ToHtmlString();
        });
    }

    private static async Task<HttpResponseMessage> WithdrawAsync(RegistrationClient client, long requestId, string note = "") =>
        await client.Http.PostAsync($"/transfers/{requestId}/withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await client.TokenAsync(),
            ["note"] = note,
        }));

    /// <summary>What the count component shows a user: counted in their scope, as the request pipeline would enter it.</summary>
    private async Task<PendingTransferCounts> CountsAsync(string login)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
        var user = await db.UserAccounts.AsNoTracking().SingleAsync(u => u.Login == login);
        await UserScope.EnterAsync(db, user);
        return await TransferCounter.CountAsync(db, user.Role);
    }

    private static (int Waiting, int Mine) Delta(Dictionary<string, PendingTransferCounts> before, string login, PendingTransferCounts after) =>
        (after.Waiting - before[login].Waiting, after.Mine - before[login].Mine);
}
