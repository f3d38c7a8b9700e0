using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Transfers;

namespace Enrollment.Web.Tests.Transfers;

/// <summary>
/// 转移申请 through the page's own queries and commands, as each demo user: a 鲍沟镇 clerk asks for a 滨湖镇
/// resident; only 滨湖镇 (or the county) decides; the requester may withdraw.
/// </summary>
public sealed class TransferTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly GridRequest FirstPage = new(0, 200);

    private const string QuotedAt = """
        SELECT e.quoted_at FROM enrollments e JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
        WHERE e.resident_id = $1 AND c.code = 'tengzhou-2025'
        """;

    /// <summary>
    /// Asks for the <paramref name="nth"/> 滨湖镇 resident. Tests use numbers at least five apart: an approval moves one
    /// resident out of 滨湖镇 and shifts the later ones by one, and the tests of a class share one database.
    /// </summary>
    private async Task<(long ResidentId, string CitizenId, long RequestId)> RequestAsync(int nth, bool lastVillage = false, string login = "tz-baogou")
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", nth);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var answer = await RequestAsAsync(login, citizenId, await app.VillageOfAsync("鲍沟镇", lastVillage));
        // A village collector is not told which township holds the person, here either.
        answer.Message.ShouldBe(login.EndsWith("-cun", StringComparison.Ordinal)
            ? "已提交转移申请，待原所在镇（街道）或县医保局审批。" : "已提交转移申请，待滨湖镇或县医保局审批。");
        var requestId = await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId);
        return (residentId, citizenId, requestId);
    }

    private async Task<TransferRequestAnswer> RequestAsAsync(string login, string citizenId, long villageId, string reason = "已迁入本村")
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<TransferCommands>().RequestAsync(citizenId, villageId, reason);
    }

    private async Task<TransferOutcome> DecideAsync(string login, long requestId, bool approve, string? note = null, uint? version = null)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<TransferCommands>().DecideAsync(requestId, approve, note, version ?? await VersionAsync(requestId));
    }

    private async Task<TransferOutcome> WithdrawAsync(string login, long requestId, string? note = null)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<TransferCommands>().WithdrawAsync(requestId, note, await VersionAsync(requestId));
    }

    private async Task<uint> VersionAsync(long requestId) =>
        (uint)await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM transfer_requests WHERE id = $1", requestId);

    /// <summary>The rows of one list, as the page's grid reads them for <paramref name="login"/>.</summary>
    private async Task<IReadOnlyList<TransferRow>> ListAsync(string login, TransferListKind kind, TransferFilter? filter = null)
    {
        await using var session = await app.SessionAsync(login);
        return (await session.Get<TransferQueries>().PageAsync(kind, filter ?? new TransferFilter(), FirstPage)).Items;
    }

    private async Task<TransferRow?> RowAsync(string login, TransferListKind kind, long requestId) =>
        (await ListAsync(login, kind)).SingleOrDefault(r => r.Id == requestId);

    private async Task<bool> ReadsResidentAsync(string login, long residentId)
    {
        await using var session = await app.SessionAsync(login);
        await using var db = await session.Get<UserDbContextFactory>().CreateAsync();
        return db.Residents.Any(r => r.Id == residentId);
    }

    [Fact]
    public async Task Approving_moves_the_resident_into_the_requesters_scope_and_out_of_the_holders()
    {
        var (residentId, _, requestId) = await RequestAsync(10);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);

        // The requester sees their request, but not who it is, and cannot decide it.
        var mine = (await RowAsync("tz-baogou", TransferListKind.Mine, requestId))!;
        mine.Status.ShouldBe(Data.Entities.TransferStatus.Pending);
        mine.ResidentName.ShouldBeNull();
        mine.CanDecide.ShouldBeFalse();
        (await DecideAsync("tz-baogou", requestId, approve: true)).ShouldBe(TransferOutcome.NotFound);

        (await RowAsync("tz-binhu", TransferListKind.Waiting, requestId))!.ResidentName.ShouldBe(name);
        var quotedBefore = await app.ScalarAsync<DateTime?>(QuotedAt, residentId);
        (await DecideAsync("tz-binhu", requestId, approve: true)).ShouldBe(TransferOutcome.Approved);

        // The unpaid enrollment is quoted again for the new township, in the decision's transaction.
        (await app.ScalarAsync<DateTime?>(QuotedAt, residentId)).ShouldNotBeNull().ShouldBeGreaterThan(quotedBefore ?? DateTime.MinValue);
        (await ReadsResidentAsync("tz-baogou", residentId)).ShouldBeTrue();
        (await ReadsResidentAsync("tz-binhu", residentId)).ShouldBeFalse();
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM residents WHERE id = $1 AND household_id IS NULL AND relation_to_head IS NULL AND village_id = $2",
            residentId, await app.VillageOfAsync("鲍沟镇"))).ShouldBe(1);
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'tz-binhu' AND entity IN ('residents', 'transfer_requests') AND action = 'update' AND (entity_key->>'id')::bigint IN ($1, $2)",
            residentId, requestId)).ShouldBe(2);
        // Both sides keep the decided request in their list; the requester now sees the name.
        (await RowAsync("tz-baogou", TransferListKind.Closed, requestId))!.ResidentName.ShouldBe(name);
        (await RowAsync("tz-binhu", TransferListKind.Closed, requestId))!.Status.ShouldBe(Data.Entities.TransferStatus.Approved);
    }

    [Fact]
    public async Task Rejecting_needs_a_note_and_leaves_the_resident_where_they_are()
    {
        var (residentId, _, requestId) = await RequestAsync(11);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);

        (await DecideAsync("tz-binhu", requestId, approve: false)).ShouldBe(TransferOutcome.NoteRequired);
        (await DecideAsync("tz-binhu", requestId, approve: false, "户籍未迁出")).ShouldBe(TransferOutcome.Rejected);

        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await app.ScalarAsync<string>("SELECT status || ':' || decision_note FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("rejected:户籍未迁出");
        var row = (await RowAsync("tz-baogou", TransferListKind.Closed, requestId))!;
        (row.Status, row.DecisionNote).ShouldBe((Data.Entities.TransferStatus.Rejected, "户籍未迁出"));
        (await ReadsResidentAsync("tz-baogou", residentId)).ShouldBeFalse();
    }

    [Fact]
    public async Task Only_the_holding_side_or_the_county_may_decide()
    {
        var (_, citizenId, requestId) = await RequestAsync(12);

        // A second request for the same resident waits for the first.
        (await RequestAsAsync("tz-baogou", citizenId, await app.VillageOfAsync("鲍沟镇"))).Message.ShouldContain("该人员已有一件待审批的转移申请");
        // The requesting township's clerk: the resident is outside their township.
        (await DecideAsync("tz-baogou", requestId, approve: true)).ShouldBe(TransferOutcome.NotFound);
        // A village collector never decides (the permission table); a request id that does not exist is not found.
        await Should.ThrowAsync<OperationRefusedException>(() => DecideAsync("tz-baogou-cun", requestId, approve: true));
        (await DecideAsync("tz-binhu", 999_999_999, approve: true, version: 1)).ShouldBe(TransferOutcome.NotFound);
        // Another county's administrator sees nothing of it.
        (await DecideAsync("pb-admin", requestId, approve: true)).ShouldBe(TransferOutcome.NotFound);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("pending");

        // The county decides anything in the county.
        (await DecideAsync("tz-admin", requestId, approve: true)).ShouldBe(TransferOutcome.Approved);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("approved");
    }

    [Fact]
    public async Task The_requester_withdraws_a_pending_request_recorded_and_audited()
    {
        var (residentId, citizenId, requestId) = await RequestAsync(20);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);

        // The holding side, the county and another county cannot withdraw what they did not ask for.
        (await WithdrawAsync("tz-binhu", requestId)).ShouldBe(TransferOutcome.NotFound);
        (await WithdrawAsync("tz-admin", requestId)).ShouldBe(TransferOutcome.NotFound);
        (await WithdrawAsync("pb-admin", requestId)).ShouldBe(TransferOutcome.NotFound);

        (await RowAsync("tz-baogou", TransferListKind.Mine, requestId))!.CanWithdraw.ShouldBeTrue();
        (await WithdrawAsync("tz-baogou", requestId, "误报，已核实未迁入")).ShouldBe(TransferOutcome.Withdrawn);

        (await app.ScalarAsync<string>(
            "SELECT t.status || ':' || u.login || ':' || t.decision_note FROM transfer_requests t JOIN user_accounts u ON u.id = t.decided_by_user_id WHERE t.id = $1",
            requestId)).ShouldBe("cancelled:tz-baogou:误报，已核实未迁入");
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'tz-baogou' AND entity = 'transfer_requests' AND action = 'update' AND (entity_key->>'id')::bigint = $1 AND after->>'status' = 'cancelled'",
            requestId)).ShouldBe(1);
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        var closed = (await RowAsync("tz-binhu", TransferListKind.Closed, requestId))!;
        (closed.Status, closed.DecisionNote).ShouldBe((Data.Entities.TransferStatus.Cancelled, "误报，已核实未迁入"));

        // Once withdrawn it can be neither decided nor withdrawn again, and the person may be asked for anew.
        (await DecideAsync("tz-binhu", requestId, approve: true)).ShouldBe(TransferOutcome.AlreadyClosed);
        (await WithdrawAsync("tz-baogou", requestId)).ShouldBe(TransferOutcome.AlreadyClosed);
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await RequestAsAsync("tz-baogou", citizenId, await app.VillageOfAsync("鲍沟镇"))).Message.ShouldContain("已提交转移申请");
    }

    [Fact]
    public async Task The_requesters_township_withdraws_a_village_collectors_request()
    {
        // A 鲍沟镇 collector asks for a 滨湖镇 resident into their own village; the 鲍沟镇 clerk may withdraw it.
        var (_, _, requestId) = await RequestAsync(25, login: "tz-baogou-cun");

        (await WithdrawAsync("tz-baogou", requestId)).ShouldBe(TransferOutcome.Withdrawn);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("cancelled");
    }

    [Fact]
    public async Task Approving_after_the_resident_moved_refuses_and_marks_the_request_lapsed()
    {
        var (residentId, citizenId, requestId) = await RequestAsync(30);
        // After the request, the 滨湖镇 record is edited to another 滨湖镇 village.
        var otherVillage = await app.VillageOfAsync("滨湖镇", last: true);
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldNotBe(otherVillage);
        await app.ScalarAsync<object>("UPDATE residents SET village_id = $2 WHERE id = $1", residentId, otherVillage);

        (await RowAsync("tz-binhu", TransferListKind.Waiting, requestId))!.Moved.ShouldBeTrue();
        var outcome = await DecideAsync("tz-binhu", requestId, approve: true);
        outcome.ShouldBe(TransferOutcome.Lapsed);
        TransferText.Outcome(outcome).ShouldContain("该申请已失效");

        // Nobody moved; the request is closed as lapsed with the reason, for both sides to read.
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(otherVillage);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("superseded");
        var row = (await RowAsync("tz-baogou", TransferListKind.Closed, requestId))!;
        TransferText.StatusName(row.Status).ShouldBe("已失效");
        row.DecisionNote.ShouldBe(TransferText.LapsedNote);
        // The requester may ask again, now against where the resident lives.
        (await RequestAsAsync("tz-baogou", citizenId, await app.VillageOfAsync("鲍沟镇"))).Message.ShouldContain("已提交转移申请");
        (await app.ScalarAsync<long>("SELECT from_village_id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId)).ShouldBe(otherVillage);
    }

    [Fact]
    public async Task Approving_after_the_resident_died_moves_nobody_and_lapses_the_request()
    {
        var (residentId, _, requestId) = await RequestAsync(40);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);
        await app.ScalarAsync<object>("UPDATE residents SET status = 'deceased' WHERE id = $1", residentId);

        (await DecideAsync("tz-binhu", requestId, approve: true)).ShouldBe(TransferOutcome.Lapsed);

        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("superseded");
        (await app.ScalarAsync<string>("SELECT decision_note FROM transfer_requests WHERE id = $1", requestId)).ShouldContain("人员状态");
    }

    [Fact]
    public async Task A_decision_on_a_list_read_before_a_withdrawal_changes_nothing()
    {
        var (residentId, _, requestId) = await RequestAsync(35);
        var village = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId);
        var seen = (await RowAsync("tz-binhu", TransferListKind.Waiting, requestId))!.Version;

        (await WithdrawAsync("tz-baogou", requestId)).ShouldBe(TransferOutcome.Withdrawn);
        // Put it back to pending behind the app's back: only the row version still tells the list is out of date.
        await app.ScalarAsync<object>("UPDATE transfer_requests SET status = 'pending', decided_at = NULL, decided_by_user_id = NULL WHERE id = $1", requestId);

        (await DecideAsync("tz-binhu", requestId, approve: true, version: seen)).ShouldBe(TransferOutcome.AlreadyClosed);
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", residentId)).ShouldBe(village);
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("pending");
        await app.ScalarAsync<object>("UPDATE transfer_requests SET status = 'cancelled', decided_at = now() WHERE id = $1", requestId);
    }

    [Fact]
    public async Task A_second_request_points_to_the_pending_one_only_for_those_who_may_see_it()
    {
        // The clerk asks into 鲍沟镇's last village; the collector works in its first one.
        var (_, citizenId, requestId) = await RequestAsync(45, lastVillage: true);

        var again = await RequestAsAsync("tz-baogou", citizenId, await app.VillageOfAsync("鲍沟镇"));
        (again.Ok, again.PendingRequestId).ShouldBe((false, requestId));
        again.Message.ShouldContain("该人员已有一件待审批的转移申请");

        var theirs = await RequestAsAsync("tz-baogou-cun", citizenId, await app.VillageOfAsync("鲍沟镇"));
        (theirs.Ok, theirs.PendingRequestId).ShouldBe((false, null));
        theirs.Message.ShouldContain("该人员已有一件待审批的转移申请");
        (await app.ScalarAsync<long>("SELECT count(*) FROM transfer_requests WHERE id <> $1 AND resident_id = (SELECT resident_id FROM transfer_requests WHERE id = $1)", requestId)).ShouldBe(0);
    }

    [Fact]
    public async Task Scope_hides_a_request_from_everyone_outside_its_two_sides()
    {
        var (residentId, _, requestId) = await RequestAsync(50, lastVillage: true);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);

        // A collector of another 鲍沟镇 village and another county: in none of their lists, every action refused.
        foreach (var login in new[] { "tz-baogou-cun", "pb-admin" })
        {
            foreach (var kind in Enum.GetValues<TransferListKind>())
            {
                var rows = await ListAsync(login, kind);
                rows.ShouldNotContain(r => r.Id == requestId, $"{login} {kind}");
                rows.ShouldNotContain(r => r.ResidentName == name, $"{login} {kind}");
            }
            (await WithdrawAsync(login, requestId)).ShouldBe(TransferOutcome.NotFound);
        }
        (await DecideAsync("pb-admin", requestId, approve: true)).ShouldBe(TransferOutcome.NotFound);
        (await DecideAsync("pb-admin", requestId, approve: false, "无")).ShouldBe(TransferOutcome.NotFound);
        // Finance may not read transfers at all: the permission table refuses before any query.
        await using (var finance = await app.SessionAsync("tz-finance"))
        {
            await Should.ThrowAsync<OperationRefusedException>(() =>
                finance.Get<TransferQueries>().PageAsync(TransferListKind.Closed, new TransferFilter(), FirstPage));
        }
        (await app.ScalarAsync<string>("SELECT status FROM transfer_requests WHERE id = $1", requestId)).ShouldBe("pending");
        // The county sees who it is; the holding township too.
        (await RowAsync("tz-staff", TransferListKind.Waiting, requestId))!.ResidentName.ShouldBe(name);
        (await RowAsync("tz-binhu", TransferListKind.Waiting, requestId))!.ResidentName.ShouldBe(name);
    }

    [Fact]
    public async Task Waiting_counts_per_role_match_the_lists()
    {
        var logins = new[] { "tz-binhu", "tz-baogou", "tz-baogou-cun", "tz-admin", "tz-staff", "pb-admin", "tz-finance" };
        var before = new Dictionary<string, PendingTransferCounts>();
        foreach (var login in logins)
        {
            before[login] = await CountsAsync(login);
        }

        // 鲍沟镇 asks for a 滨湖镇 resident into its first village (the collector's).
        var (_, _, requestId) = await RequestAsync(55);

        Delta(before, "tz-binhu", await CountsAsync("tz-binhu")).ShouldBe((1, 0));        // decides it
        Delta(before, "tz-admin", await CountsAsync("tz-admin")).ShouldBe((1, 0));        // the county decides anything
        Delta(before, "tz-staff", await CountsAsync("tz-staff")).ShouldBe((1, 0));
        Delta(before, "tz-baogou", await CountsAsync("tz-baogou")).ShouldBe((0, 1));      // asked, waits for the other side
        Delta(before, "tz-baogou-cun", await CountsAsync("tz-baogou-cun")).ShouldBe((0, 1));
        Delta(before, "pb-admin", await CountsAsync("pb-admin")).ShouldBe((0, 0));
        (await CountsAsync("tz-finance")).ShouldBe(new PendingTransferCounts(0, 0));

        // The lists say the same: waiting for the holder, asked by the requester, with who asked and when.
        (await ListAsync("tz-binhu", TransferListKind.Waiting)).Count.ShouldBe((await CountsAsync("tz-binhu")).Waiting);
        (await RowAsync("tz-baogou", TransferListKind.Waiting, requestId)).ShouldBeNull();
        var row = (await RowAsync("tz-baogou", TransferListKind.Mine, requestId))!;
        row.RequestedBy.ShouldBe("鲍沟镇医保办经办人（示例）");
        TransferText.Minute(row.RequestedAt).ShouldBe(await app.ScalarAsync<string>(
            "SELECT to_char(requested_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM transfer_requests WHERE id = $1", requestId));
    }

    [Fact]
    public async Task The_county_list_follows_official_township_order_newest_first_within_and_filters_by_township()
    {
        var binhuFirst = (await RequestAsync(60)).RequestId;
        var binhuSecond = (await RequestAsync(65)).RequestId;
        // 滨湖镇 asks for a 鲍沟镇 resident: that request waits for 鲍沟镇.
        var residentId = await app.NthResidentOfAsync("鲍沟镇", 100);
        (await RequestAsAsync("tz-binhu", await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId),
            await app.VillageOfAsync("滨湖镇"))).Message.ShouldContain("已提交转移申请");
        var baogouHeld = await app.ScalarAsync<long>("SELECT id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId);

        var order = (await ListAsync("tz-admin", TransferListKind.Waiting)).Select(r => r.Id).ToList();
        var baogouFirst = await app.ScalarAsync<bool>("""
            SELECT b.display_order < h.display_order FROM jurisdictions b, jurisdictions h
            WHERE b.name = '鲍沟镇' AND h.name = '滨湖镇' AND b.level = 'township' AND h.level = 'township' AND b.tenant_id = h.tenant_id
            """);
        (order.IndexOf(binhuSecond) < order.IndexOf(binhuFirst)).ShouldBeTrue();   // newest first within 滨湖镇
        (order.IndexOf(baogouHeld) < order.IndexOf(binhuSecond)).ShouldBe(baogouFirst);
        (order.IndexOf(baogouHeld) < order.IndexOf(binhuFirst)).ShouldBe(baogouFirst);

        var baogou = await app.ScalarAsync<long>("SELECT id FROM jurisdictions WHERE name = '鲍沟镇' AND level = 'township'");
        var filtered = (await ListAsync("tz-admin", TransferListKind.Waiting, new TransferFilter(baogou))).Select(r => r.Id).ToList();
        filtered.ShouldContain(baogouHeld);
        filtered.ShouldNotContain(binhuFirst);
    }

    [Fact]
    public async Task A_page_of_a_list_counts_all_and_returns_at_most_the_page()
    {
        await RequestAsync(70);
        await RequestAsync(75);
        await using var session = await app.SessionAsync("tz-admin");
        var queries = session.Get<TransferQueries>();

        var all = await queries.PageAsync(TransferListKind.Waiting, new TransferFilter(), new GridRequest(0, 200));
        var first = await queries.PageAsync(TransferListKind.Waiting, new TransferFilter(), new GridRequest(0, 1));
        var second = await queries.PageAsync(TransferListKind.Waiting, new TransferFilter(), new GridRequest(1, 1));
        // A tampered page size is capped.
        var huge = await queries.PageAsync(TransferListKind.Waiting, new TransferFilter(), new GridRequest(0, 1_000_000));

        all.Total.ShouldBeGreaterThanOrEqualTo(2);
        (first.Total, first.Items.Count, second.Items.Count).ShouldBe((all.Total, 1, 1));
        second.Items[0].Id.ShouldNotBe(first.Items[0].Id);
        new[] { first.Items[0].Id, second.Items[0].Id }.ShouldBe(all.Items.Take(2).Select(r => r.Id));
        huge.Items.Count.ShouldBeLessThanOrEqualTo(GridRequest.MaxPageSize);
    }

    private async Task<PendingTransferCounts> CountsAsync(string login)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<TransferQueries>().CountsAsync();
    }

    private static (int Waiting, int Mine) Delta(Dictionary<string, PendingTransferCounts> before, string login, PendingTransferCounts after) =>
        (after.Waiting - before[login].Waiting, after.Mine - before[login].Mine);
}
