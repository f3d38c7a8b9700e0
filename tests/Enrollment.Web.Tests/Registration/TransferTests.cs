using System.Net;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Registration;

/// <summary>转移申请: a 鲍沟镇 clerk asks for a 滨湖镇 resident; only 滨湖镇 (or the county) decides.</summary>
public sealed class TransferTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<(long ResidentId, string CitizenId, long RequestId, RegistrationClient Requester)> RequestAsync(int nth)
    {
        var residentId = await RegistrationClient.NthResidentOfAsync(app, "滨湖镇", nth);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var requester = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var answer = await requester.RequestTransferAsync(citizenId, await RegistrationClient.VillageOfAsync(app, "鲍沟镇"));
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
        approved.Headers.Location!.ToString().ShouldBe("/transfers?done=approved");

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

        (await holder.DecideAsync(requestId, "reject")).Headers.Location!.ToString().ShouldBe("/transfers?done=note-required");
        (await holder.DecideAsync(requestId, "reject", "户籍未迁出")).Headers.Location!.ToString().ShouldBe("/transfers?done=rejected");

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
            .ShouldContain("该人员已有待审批的转移申请");
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
}
