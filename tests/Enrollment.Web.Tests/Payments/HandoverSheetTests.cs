using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Enrollment.Domain.Payments;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.HandoverSheets;
using Enrollment.Web.Tests.Campaigns;

namespace Enrollment.Web.Tests.Payments;

/// <summary>
/// 缴款单 through the page's own queries and commands: a collector's cash of a day, the total in figures and in
/// capitals, reversed cash listed but not counted, the township's 收讫 freezing the sheet, one collector never seeing
/// another's sheet, and the print view and workbook. Each test uses its own payment day, so sheets never mix.
/// </summary>
public sealed class HandoverSheetTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly GridRequest FirstPage = new(0, 200);

    private async Task<IReadOnlyList<HandoverSheetRow>> ListAsync(string login, HandoverFilter? filter = null)
    {
        await using var session = await app.SessionAsync(login);
        return (await session.Get<HandoverQueries>().PageAsync(filter ?? new HandoverFilter(), FirstPage)).Items;
    }

    private async Task<HandoverSheetView?> SheetAsync(string login, HandoverSheetKey key)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<HandoverQueries>().SheetAsync(key);
    }

    private async Task<HandoverOutcome> ReceiveAsync(string login, HandoverSheetKey key, string? seen)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<HandoverCommands>().ReceiveAsync(key, seen);
    }

    private async Task<HandoverSheetKey> KeyAsync(DateOnly day, int number = 1, string login = CashWorld.Collector) =>
        new(await CashWorld.UserIdAsync(app, login), await app.VillageOfAsync("鲍沟镇"), day, number);

    [Fact]
    public async Task A_sheet_lists_the_days_cash_with_its_total_in_figures_and_capitals_and_leaves_reversed_cash_out()
    {
        var day = new DateOnly(2024, 11, 1);
        var people = await CashWorld.UnpaidAsync(app, 3);
        var ids = new List<long>();
        foreach (var p in people)
        {
            ids.Add(await CashWorld.RecordAsync(app, CashWorld.Collector, p.EnrollmentId, day, p.Payable, reference: $"HS1-{p.EnrollmentId}"));
        }
        (await CashWorld.ReverseAsync(app, ids[2])).State.ShouldBe(Data.Entities.PaymentState.Reversed);

        var sheet = (await SheetAsync(CashWorld.Collector, await KeyAsync(day))).ShouldNotBeNull();

        sheet.Lines.Select(l => l.PaymentId).ShouldBe(ids);
        sheet.Lines.Select(l => l.Name).ShouldBe(people.Select(p => p.Name));
        sheet.Lines.ShouldAllBe(l => l.MaskedCitizenId.Contains("********"));
        sheet.Lines[2].Counted.ShouldBeFalse();
        var total = people[0].Payable + people[1].Payable;
        sheet.Count.ShouldBe(2);
        sheet.Total.ShouldBe(total);
        sheet.TotalInWords.ShouldBe(ChineseAmount.Format(total));
        sheet.TotalInWords.ShouldEndWith("整");
        sheet.Township.ShouldBe("鲍沟镇");
        sheet.State.ShouldBe(HandoverState.Open);
        var row = (await ListAsync(CashWorld.Collector)).Single(r => r.Key.CollectedOn == day);
        (row.Count, row.Total, row.Reversed, row.CanReceive).ShouldBe((2, total, 1, false));
        // The township clerk sees the same sheet and may receive it.
        (await ListAsync(CashWorld.Clerk)).Single(r => r.Key == row.Key).CanReceive.ShouldBeTrue();
    }

    [Fact]
    public async Task Receiving_freezes_the_sheet_and_cash_recorded_later_that_day_goes_on_the_next_sheet()
    {
        var day = new DateOnly(2024, 11, 2);
        var people = await CashWorld.UnpaidAsync(app, 2);
        await CashWorld.RecordAsync(app, CashWorld.Collector, people[0].EnrollmentId, day, people[0].Payable);
        var key = await KeyAsync(day);
        var seen = (await SheetAsync(CashWorld.Clerk, key)).ShouldNotBeNull().Seen;

        // The collector cannot receive their own sheet (no such operation), a stale view is refused.
        await Should.ThrowAsync<OperationRefusedException>(() => ReceiveAsync(CashWorld.Collector, key, seen));
        (await ReceiveAsync(CashWorld.Clerk, key, "0-0-0.00")).ShouldBe(HandoverOutcome.Changed);
        (await ReceiveAsync(CashWorld.Clerk, key, seen)).ShouldBe(HandoverOutcome.Received);
        (await ReceiveAsync(CashWorld.Clerk, key, seen)).ShouldBe(HandoverOutcome.AlreadyReceived);

        await CashWorld.RecordAsync(app, CashWorld.Collector, people[1].EnrollmentId, day, people[1].Payable);
        var sheets = (await ListAsync(CashWorld.Clerk)).Where(r => r.Key.CollectedOn == day && r.Key.CollectorUserId == key.CollectorUserId).ToList();
        sheets.Select(s => (s.Key.Number, s.State, s.Count, s.Total)).ShouldBe(
            [(1, HandoverState.Received, 1, people[0].Payable), (2, HandoverState.Open, 1, people[1].Payable)], ignoreOrder: true);
        var first = (await SheetAsync(CashWorld.Clerk, key)).ShouldNotBeNull();
        first.Lines.Select(l => l.Name).ShouldBe([people[0].Name]);
        first.ReceivedBy.ShouldNotBeNull().ShouldContain("鲍沟镇");
        first.CanReceive.ShouldBeFalse();
        (await SheetAsync(CashWorld.Clerk, key with { Number = 2 })).ShouldNotBeNull().Lines.Select(l => l.Name).ShouldBe([people[1].Name]);
        (await SheetAsync(CashWorld.Clerk, key with { Number = 3 })).ShouldBeNull();
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'handover_sheets' AND action = 'insert' AND actor = $1", CashWorld.Clerk))
            .ShouldBeGreaterThanOrEqualTo(1);
        // The state filter puts it among the received sheets only.
        (await ListAsync(CashWorld.Clerk, new HandoverFilter(State: HandoverState.Received))).ShouldContain(r => r.Key == key);
        (await ListAsync(CashWorld.Clerk, new HandoverFilter(State: HandoverState.Open))).ShouldNotContain(r => r.Key == key);
    }

    [Fact]
    public async Task A_collector_sees_and_prints_only_their_own_sheets()
    {
        var day = new DateOnly(2024, 11, 3);
        var (other, otherId) = await CashWorld.SecondCollectorAsync(app);
        var person = (await CashWorld.UnpaidAsync(app, 1))[0];
        await CashWorld.RecordAsync(app, other, person.EnrollmentId, day, person.Payable);
        var key = await KeyAsync(day, login: other);
        key.CollectorUserId.ShouldBe(otherId);

        (await ListAsync(CashWorld.Collector)).ShouldNotContain(r => r.Key.CollectorUserId == otherId);
        (await SheetAsync(CashWorld.Collector, key)).ShouldBeNull();
        (await ListAsync(other)).ShouldContain(r => r.Key == key);
        (await ListAsync(CashWorld.Clerk)).ShouldContain(r => r.Key == key);
        (await ListAsync("tz-binhu")).ShouldNotContain(r => r.Key == key);
        (await SheetAsync("tz-binhu", key)).ShouldBeNull();

        var client = app.NewClient();
        await DemoApp.SignInAsync(client, CashWorld.Collector);
        (await client.GetAsync($"/payments/handover/{key.Path}/print")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/payments/handover/{key.Path}.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_print_view_and_the_workbook_carry_the_people_and_the_total_in_capitals()
    {
        var day = new DateOnly(2024, 11, 4);
        var people = await CashWorld.UnpaidAsync(app, 2);
        var reversed = await CashWorld.RecordAsync(app, CashWorld.Collector, people[0].EnrollmentId, day, people[0].Payable);
        await CashWorld.RecordAsync(app, CashWorld.Collector, people[1].EnrollmentId, day, people[1].Payable);
        await CashWorld.ReverseAsync(app, reversed);
        var key = await KeyAsync(day);
        var words = ChineseAmount.Format(people[1].Payable);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, CashWorld.Collector);

        var response = await client.GetAsync($"/payments/handover/{key.Path}/print");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(words);
        html.ShouldContain(people[1].Name);
        html.ShouldContain("已冲正（不计入）");
        html.ShouldContain("缴款人（签字）");
        html.ShouldContain("收款人（签字）");
        html.ShouldContain("经办人（签字）");
        // Rendered once, statically: no interactive component (no circuit) on the print view.
        html.ShouldNotContain("\"type\":\"server\"");
        html.ShouldContain("<thead");

        var file = await client.GetAsync($"/payments/handover/{key.Path}.xlsx");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync()), false);
        var rows = QuotaExportTests.Sheets(workbook)["缴款单"];
        rows[1][0].ShouldContain("鲍沟镇");
        rows[2].ShouldBe(["序号", "姓名", "身份证号码", "村（社区）", "户号", "金额（元）", "票据号", "状态"]);
        rows[3][1].ShouldBe(people[0].Name);
        rows[3][7].ShouldBe("已冲正（不计入）");
        rows[4][1].ShouldBe(people[1].Name);
        rows.ShouldContain(r => r.Length > 2 && r[1] == "合计（大写）" && r[2] == words);
        rows.ShouldContain(r => r.Length > 5 && r[1] == "合计" && decimal.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture) == people[1].Payable);
    }
}
