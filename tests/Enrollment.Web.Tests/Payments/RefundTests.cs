using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Enrollment.Data.Entities;
using Enrollment.Data.Payments;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Refunds;
using Enrollment.Web.Tests.Campaigns;

namespace Enrollment.Web.Tests.Payments;

/// <summary>
/// 退费: a second payment for a paid enrollment waits for a refund; the county approves it and then records the day
/// it was paid back. Never refunded without approval, never twice, never counted as paid; a township clerk sees the
/// list of their township and cannot approve.
/// </summary>
public sealed class RefundTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly GridRequest FirstPage = new(0, 200);
    private static readonly DateOnly PaidOn = new(2024, 11, 10);

    /// <summary>A paid enrollment with a second payment: the refund_due payment's id and the enrollment.</summary>
    private async Task<(long Payment, CashWorld.Unpaid Person)> DoublePaymentAsync()
    {
        var person = (await CashWorld.UnpaidAsync(app, 1))[0];
        await CashWorld.RecordAsync(app, CashWorld.Clerk, person.EnrollmentId, PaidOn, person.Payable, "wechat", $"WX-A-{person.EnrollmentId}", confirmed: true);
        var second = await CashWorld.RecordAsync(app, CashWorld.Clerk, person.EnrollmentId, PaidOn, person.Payable, "alipay", $"ALI-B-{person.EnrollmentId}", confirmed: true);
        (await StateAsync(second)).ShouldBe("refund_due");
        return (second, person);
    }

    private Task<string> StateAsync(long payment) => app.ScalarAsync<string>("SELECT state FROM payments WHERE id = $1", payment);

    private async Task<RefundOutcome> ApproveAsync(string login, long payment)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<RefundCommands>().ApproveAsync(payment);
    }

    private async Task<RefundOutcome> RefundAsync(string login, long payment, DateOnly? on)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<RefundCommands>().RefundAsync(payment, on);
    }

    private async Task<IReadOnlyList<RefundRow>> ListAsync(string login, RefundFilter? filter = null)
    {
        await using var session = await app.SessionAsync(login);
        return (await session.Get<RefundQueries>().PageAsync(filter ?? new RefundFilter(), FirstPage)).Items;
    }

    [Fact]
    public async Task The_county_approves_a_refund_and_then_records_the_day_it_was_paid_back_once()
    {
        var (payment, person) = await DoublePaymentAsync();
        var paidBefore = await app.ScalarAsync<decimal>("SELECT paid_amount FROM enrollments WHERE id = $1", person.EnrollmentId);

        (await ApproveAsync(CashWorld.County, payment)).ShouldBe(RefundOutcome.Approved);
        (await ApproveAsync(CashWorld.County, payment)).ShouldBe(RefundOutcome.NotRefundable);
        var row = (await ListAsync(CashWorld.County)).Single(r => r.PaymentId == payment);
        (row.State, row.CanApprove, row.CanRefund).ShouldBe((RefundState.Approved, false, true));
        row.ApprovedBy.ShouldNotBeNull();
        (await RefundAsync(CashWorld.County, payment, new DateOnly(2024, 11, 21))).ShouldBe(RefundOutcome.DateInFuture);
        (await RefundAsync(CashWorld.County, payment, null)).ShouldBe(RefundOutcome.DateMissing);
        (await RefundAsync("tz-finance", payment, new DateOnly(2024, 11, 18))).ShouldBe(RefundOutcome.Refunded);
        (await RefundAsync(CashWorld.County, payment, new DateOnly(2024, 11, 19))).ShouldBe(RefundOutcome.NotRefundable);

        (await StateAsync(payment)).ShouldBe("refunded");
        (await app.ScalarAsync<DateOnly>("SELECT refunded_on FROM payments WHERE id = $1", payment)).ShouldBe(new DateOnly(2024, 11, 18));
        (await app.ScalarAsync<long>("SELECT refunded_by_user_id FROM payments WHERE id = $1", payment)).ShouldBe(await CashWorld.UserIdAsync(app, "tz-finance"));
        // The first payment still counts, once; the refunded one never did.
        (await app.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", person.EnrollmentId)).ShouldBe("paid");
        (await app.ScalarAsync<decimal>("SELECT paid_amount FROM enrollments WHERE id = $1", person.EnrollmentId)).ShouldBe(paidBefore);
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'payments' AND entity_key::jsonb ->> 'id' = $1", payment.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ShouldBe(2);
        (await ListAsync(CashWorld.County, new RefundFilter(State: RefundState.Refunded))).ShouldContain(r => r.PaymentId == payment);
        (await ListAsync(CashWorld.County, new RefundFilter(State: RefundState.Due))).ShouldNotContain(r => r.PaymentId == payment);
    }

    [Fact]
    public async Task A_refund_without_approval_is_refused_by_the_page_and_by_the_database()
    {
        var (payment, _) = await DoublePaymentAsync();

        (await RefundAsync(CashWorld.County, payment, PaidOn)).ShouldBe(RefundOutcome.NotApproved);
        await using (var session = await app.SessionAsync(CashWorld.County))
        await using (var db = await session.Get<UserDbContextFactory>().CreateAsync())
        {
            (await PaymentService.ChangeAsync(db, payment, PaymentChange.Refund, null, DateTimeOffset.UtcNow)).Refused.ShouldBeTrue();
        }
        (await StateAsync(payment)).ShouldBe("refund_due");
    }

    [Fact]
    public async Task A_township_clerk_sees_their_townships_refunds_and_cannot_approve()
    {
        var (payment, _) = await DoublePaymentAsync();

        await Should.ThrowAsync<OperationRefusedException>(() => ApproveAsync(CashWorld.Clerk, payment));
        await Should.ThrowAsync<OperationRefusedException>(() => RefundAsync(CashWorld.Clerk, payment, PaidOn));
        var row = (await ListAsync(CashWorld.Clerk)).Single(r => r.PaymentId == payment);
        (row.Township, row.CanApprove, row.CanRefund).ShouldBe(("鲍沟镇", false, false));
        (await ListAsync("tz-binhu")).ShouldNotContain(r => r.PaymentId == payment);
        await Should.ThrowAsync<OperationRefusedException>(() => ListAsync(CashWorld.Collector));
        (await StateAsync(payment)).ShouldBe("refund_due");
        (await app.ScalarAsync<DateTimeOffset?>("SELECT refund_approved_at FROM payments WHERE id = $1", payment)).ShouldBeNull();
    }

    [Fact]
    public async Task The_county_list_is_in_official_township_order_and_exports_to_a_workbook()
    {
        var (payment, person) = await DoublePaymentAsync();
        var county = await ListAsync(CashWorld.County);
        var order = await app.ScalarAsync<string[]>("""
            SELECT array_agg(name ORDER BY display_order, name) FROM jurisdictions
            WHERE level = 'township' AND tenant_id = (SELECT id FROM tenants WHERE code = 'tengzhou')
            """);
        var seen = county.Select(r => r.Township).Distinct().ToList();
        seen.ShouldBe(order.Where(seen.Contains).ToList());

        var client = app.NewClient();
        await DemoApp.SignInAsync(client, CashWorld.Clerk);
        var response = await client.GetAsync("/payments/refunds.xlsx?state=Due");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = QuotaExportTests.Sheets(workbook)["退费名单"];
        rows[2][0].ShouldBe("序号");
        rows.Skip(3).ShouldContain(r => r[3] == person.Name && r[9] == "待审批" && r[1] == "鲍沟镇");
        (await client.GetAsync("/payments/refunds/county.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        payment.ShouldBeGreaterThan(0);
    }
}
