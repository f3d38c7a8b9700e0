using Enrollment.Data.Entities;
using Enrollment.Data.Payments;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Payments;
using Enrollment.Web.Tests.Households;

namespace Enrollment.Web.Tests.Payments;

/// <summary>
/// The payment pages' handlers as the demo's people use them (business date 2024-11-20, inside 滕州 2025's window):
/// the amount due on a date, a person's and a household's entry, confirmation (never one's own) and reversal, with
/// what is stored and audited.
/// </summary>
public sealed class PaymentPageTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Clerk = "tz-baogou";
    private const string Collector = "tz-baogou-cun";
    private const string County = "tz-staff";
    private static readonly DateOnly Today = new(2024, 11, 20);
    private static int references;

    private static string Reference() => $"PAGE{Interlocked.Increment(ref references):D6}";

    /// <summary>A new household of adults in the collector's village (鲍沟镇's first), registered by the clerk.</summary>
    private async Task<(long Household, long[] Members)> HouseholdAsync(int members) =>
        await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), members, adults: true);

    private async Task<CampaignDue> DueAsync(string login, long resident, DateOnly? on = null)
    {
        await using var session = await app.SessionAsync(login);
        var dues = (await session.Get<PaymentQueries>().ResidentDuesAsync(resident, on)).ShouldNotBeNull();
        return dues.Campaigns.ShouldHaveSingleItem();
    }

    private async Task<PaymentRecordAnswer> RecordAsync(string login, long resident, decimal? amount = null, DateOnly? paidOn = null,
        string channel = "wechat", string? reference = null)
    {
        var due = await DueAsync(login, resident);
        await using var session = await app.SessionAsync(login);
        return await session.Get<PaymentCommands>().RecordAsync(new RecordPaymentForm
        {
            ResidentId = resident, CampaignId = due.CampaignId, Channel = channel, Reference = reference ?? Reference(),
            PaidOn = paidOn ?? Today, Amount = amount ?? due.AmountDue,
        });
    }

    private Task<long> PaymentOfAsync(long resident, string state = "unconfirmed") => app.ScalarAsync<long>(
        "SELECT coalesce(max(id), 0) FROM payments WHERE resident_id = $1 AND state = $2", resident, state);

    private Task<string> StatusOfAsync(long resident) => app.ScalarAsync<string>(
        "SELECT e.status FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.code = 'tengzhou-2025' WHERE e.resident_id = $1", resident);

    private Task<long> PaymentsOfAsync(long resident) => app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE resident_id = $1", resident);

    private async Task<PaymentChangeAnswer> AsAsync(string login, Func<PaymentCommands, Task<PaymentChangeAnswer>> change)
    {
        await using var session = await app.SessionAsync(login);
        return await change(session.Get<PaymentCommands>());
    }

    [Fact]
    public async Task The_amount_due_today_comes_with_its_coverage_start_and_explanation_and_a_date_before_the_window_says_why_not()
    {
        var (_, members) = await HouseholdAsync(1);

        var today = await DueAsync(Collector, members[0]);
        today.Standing.ShouldBe(DueStanding.Unpaid);
        today.AmountDue.ShouldBe(400m);
        today.CoverageStart.ShouldBe(new DateOnly(2025, 1, 1));
        today.Explanation.ShouldNotBeNullOrWhiteSpace();
        today.Owes.ShouldBeTrue();

        var early = await DueAsync(Collector, members[0], new DateOnly(2024, 9, 30));
        early.AmountDue.ShouldBeNull();
        early.Problem.ShouldBe("本期征缴自 2024-10-01 起开始收费，缴费日期不能早于该日。");
        (await DueAsync(Collector, members[0], Today.AddDays(1))).Problem.ShouldBe("缴费日期不能晚于今天（2024-11-20）。");
    }

    [Fact]
    public async Task A_different_amount_is_refused_with_the_amount_due_and_nothing_is_written()
    {
        var (_, members) = await HouseholdAsync(1);

        var answer = await RecordAsync(Collector, members[0], amount: 380m);

        answer.Recorded.ShouldBeFalse();
        answer.Errors[nameof(RecordPaymentForm.Amount)].ShouldBe("金额应为 400.00 元（按缴费日期 2024-11-20 计算）。");
        (await PaymentsOfAsync(members[0])).ShouldBe(0);
    }

    [Fact]
    public async Task A_future_date_a_date_before_the_window_a_missing_reference_and_the_government_channel_are_refused_in_chinese()
    {
        var (_, members) = await HouseholdAsync(1);

        (await RecordAsync(Collector, members[0], paidOn: Today.AddDays(1))).Errors[nameof(RecordPaymentForm.PaidOn)].ShouldBe("缴费日期不能晚于今天（2024-11-20）。");
        (await RecordAsync(Collector, members[0], paidOn: new DateOnly(2024, 9, 1))).Errors[nameof(RecordPaymentForm.PaidOn)].ShouldContain("2024-10-01");
        (await RecordAsync(Collector, members[0], reference: "  ")).Errors[nameof(RecordPaymentForm.Reference)].ShouldBe("请填写票据号/交易流水号。");
        (await RecordAsync(Collector, members[0], channel: "government_direct")).Errors[nameof(RecordPaymentForm.Channel)].ShouldBe(PaymentText.ChooseChannel);
        (await PaymentsOfAsync(members[0])).ShouldBe(0);
    }

    [Fact]
    public async Task A_hand_entry_waits_for_confirmation_and_a_second_payment_for_a_paid_person_is_a_refund()
    {
        var (_, members) = await HouseholdAsync(1);

        var first = await RecordAsync(Collector, members[0]);
        first.Outcome.ShouldBe(PaymentOutcome.Recorded);
        (await StatusOfAsync(members[0])).ShouldBe("unconfirmed");
        (await DueAsync(Collector, members[0])).Standing.ShouldBe(DueStanding.Unconfirmed);
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'payments' AND action = 'insert' AND actor = $1 AND (entity_key->>'id')::bigint = $2",
            Collector, await PaymentOfAsync(members[0]))).ShouldBe(1);

        (await AsAsync(Clerk, c => c.ConfirmAsync(PaymentOfAsync(members[0]).Result))).Done.ShouldBeTrue();
        (await StatusOfAsync(members[0])).ShouldBe("paid");

        var second = await RecordAsync(Collector, members[0]);
        second.Outcome.ShouldBe(PaymentOutcome.RefundDue);
        PaymentText.Outcome(second.Outcome!.Value).ShouldBe("已有缴费，本笔记为重复缴费待退费。");
        var lines = (await DueAsync(Collector, members[0])).Payments;
        lines.Select(l => l.State).ShouldBe([PaymentState.Confirmed, PaymentState.RefundDue]);
        (await StatusOfAsync(members[0])).ShouldBe("paid");
    }

    [Fact]
    public async Task A_household_pays_in_one_action_and_the_skipped_members_are_listed_with_their_reason()
    {
        var (household, m) = await HouseholdAsync(6);
        // m[0] owes; m[1] paid; m[2] waits for confirmation; m[3] cancelled; m[4] wholly subsidised (低保); m[5] owes.
        (await RecordAsync(Clerk, m[1])).Recorded.ShouldBeTrue();
        (await AsAsync(County, c => c.ConfirmAsync(PaymentOfAsync(m[1]).Result))).Done.ShouldBeTrue();
        (await RecordAsync(Collector, m[2])).Recorded.ShouldBeTrue();
        await app.ScalarAsync<long>("UPDATE enrollments SET status = 'cancelled', cancel_reason = '测试注销' WHERE resident_id = $1 RETURNING id", m[3]);
        await app.ScalarAsync<long>("""
            INSERT INTO certifications (tenant_id, campaign_id, resident_id, category_code, department, recorded_at)
            SELECT e.tenant_id, e.campaign_id, e.resident_id, 'dibao', '民政局', now() FROM enrollments e WHERE e.resident_id = $1 RETURNING id
            """, m[4]);
        var campaign = (await DueAsync(Collector, m[0])).CampaignId;
        await using var session = await app.SessionAsync(Collector);

        var preview = (await session.Get<PaymentQueries>().HouseholdPreviewAsync(household, campaign, Today)).ShouldNotBeNull();
        preview.Paying.Select(p => p.ResidentId).ShouldBe([m[0], m[5]]);
        preview.Total.ShouldBe(800m);
        preview.Skipped.Select(s => (s.ResidentId, s.Skipped)).ShouldBe(
        [
            (m[1], "已缴费"), (m[2], "已登记缴费，等待确认"), (m[3], "参保登记已注销"), (m[4], "政府全额资助，个人无需缴费"),
        ]);

        var answer = await session.Get<PaymentCommands>().RecordHouseholdAsync(new HouseholdPaymentForm
        {
            HouseholdId = household, CampaignId = campaign, Channel = "wechat", Reference = "WXHOUSEHOLD01", PaidOn = Today, ExpectedTotal = 800m,
        });

        answer.Recorded.ShouldBe(2);
        answer.Errors.ShouldBeEmpty();
        (await StatusOfAsync(m[0])).ShouldBe("unconfirmed");
        (await StatusOfAsync(m[5])).ShouldBe("unconfirmed");
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE reference = 'WXHOUSEHOLD01' AND amount = 400")).ShouldBe(2);
        (await PaymentsOfAsync(m[4])).ShouldBe(0);
        (await StatusOfAsync(m[3])).ShouldBe("cancelled");
    }

    [Fact]
    public async Task A_household_payment_that_fails_for_one_member_leaves_nothing_for_any()
    {
        var (household, m) = await HouseholdAsync(2);
        // m[1] was paid under the reference before and reversed: owing again, but the reference is used for them.
        (await RecordAsync(Clerk, m[1], reference: "WXSHARED01")).Recorded.ShouldBeTrue();
        (await AsAsync(Clerk, c => c.ReverseAsync(PaymentOfAsync(m[1]).Result, "录入错误"))).Done.ShouldBeTrue();
        var campaign = (await DueAsync(Collector, m[0])).CampaignId;
        await using var session = await app.SessionAsync(Collector);

        var answer = await session.Get<PaymentCommands>().RecordHouseholdAsync(new HouseholdPaymentForm
        {
            HouseholdId = household, CampaignId = campaign, Channel = "wechat", Reference = "WXSHARED01", PaidOn = Today,
        });

        answer.Recorded.ShouldBe(0);
        answer.Errors[nameof(HouseholdPaymentForm.Reference)].ShouldContain("全户均未登记");
        (await PaymentsOfAsync(m[0])).ShouldBe(0);
        (await StatusOfAsync(m[0])).ShouldBe("registered");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'payments' AND actor = $1 AND after->>'reference' = 'WXSHARED01'", Collector)).ShouldBe(0);
    }

    [Fact]
    public async Task Nobody_confirms_their_own_entry_and_a_collector_cannot_confirm_at_all()
    {
        var (_, m) = await HouseholdAsync(2);
        (await RecordAsync(Clerk, m[0])).Recorded.ShouldBeTrue();
        (await RecordAsync(Collector, m[1])).Recorded.ShouldBeTrue();

        var own = await AsAsync(Clerk, c => c.ConfirmAsync(PaymentOfAsync(m[0]).Result));
        own.Done.ShouldBeFalse();
        own.Message.ShouldBe("不能确认本人登记的缴费：请由其他经办人员确认。");
        (await StatusOfAsync(m[0])).ShouldBe("unconfirmed");
        await Should.ThrowAsync<OperationRefusedException>(() => AsAsync(Collector, c => c.ConfirmAsync(PaymentOfAsync(m[1]).Result)));

        (await AsAsync(County, c => c.ConfirmAsync(PaymentOfAsync(m[0]).Result))).Done.ShouldBeTrue();
        (await StatusOfAsync(m[0])).ShouldBe("paid");
        (await AsAsync("tz-binhu", c => c.ConfirmAsync(PaymentOfAsync(m[1]).Result))).Found.ShouldBeFalse();
        (await StatusOfAsync(m[1])).ShouldBe("unconfirmed");
    }

    [Fact]
    public async Task A_villages_day_is_confirmed_at_once_except_the_clerks_own_entries()
    {
        var village = await app.VillageOfAsync("鲍沟镇", last: true);
        var (_, m) = await app.NewHouseholdAsync(Clerk, village, 4, adults: true);
        foreach (var member in m[..3])
        {
            (await RecordAsync(County, member)).Recorded.ShouldBeTrue();
        }
        (await RecordAsync(Clerk, m[3])).Recorded.ShouldBeTrue();
        var (from, to) = PaymentDesk.DayInChina(Today);
        var others = await app.ScalarAsync<long>("""
            SELECT count(*) FROM payments p JOIN residents r ON r.id = p.resident_id
            WHERE r.village_id = $1 AND p.state = 'unconfirmed' AND p.recorded_at >= $2 AND p.recorded_at < $3
              AND p.recorded_by_user_id IS DISTINCT FROM (SELECT id FROM user_accounts WHERE login = $4)
            """, village, from, to, Clerk);
        others.ShouldBeGreaterThanOrEqualTo(3);
        await using var session = await app.SessionAsync(Clerk);
        var listed = await session.Get<PaymentQueries>().UnconfirmedAsync(new ConfirmFilter { VillageId = village, RecordedOn = Today }, new GridRequest(0, 50));
        listed.Total.ShouldBe((int)others + 1);
        listed.Items.Single(r => r.ResidentId == m[3]).Mine.ShouldBeTrue();
        listed.Items.ShouldAllBe(r => r.MaskedCitizenId.Contains("********"));

        var answer = await session.Get<PaymentCommands>().ConfirmVillageDayAsync(village, Today);

        answer.Confirmed.ShouldBe((int)others);
        answer.OwnSkipped.ShouldBe(1);
        answer.Message.ShouldContain($"{others} 笔");
        foreach (var member in m[..3])
        {
            (await StatusOfAsync(member)).ShouldBe("paid");
        }
        (await StatusOfAsync(m[3])).ShouldBe("unconfirmed");
        (await session.Get<PaymentCommands>().ConfirmVillageDayAsync(village, Today)).Confirmed.ShouldBe(0);
    }

    [Fact]
    public async Task A_reversal_needs_a_reason_and_puts_the_person_back_to_unpaid()
    {
        var (_, m) = await HouseholdAsync(1);
        (await RecordAsync(Collector, m[0])).Recorded.ShouldBeTrue();
        var payment = await PaymentOfAsync(m[0]);

        var bare = await AsAsync(Clerk, c => c.ReverseAsync(payment, "  "));
        bare.Done.ShouldBeFalse();
        bare.Message.ShouldBe("请填写冲正原因。");
        (await StatusOfAsync(m[0])).ShouldBe("unconfirmed");

        (await AsAsync(Clerk, c => c.ReverseAsync(payment, "收款金额有误"))).Done.ShouldBeTrue();
        (await StatusOfAsync(m[0])).ShouldBe("registered");
        (await app.ScalarAsync<string>("SELECT reversal_reason FROM payments WHERE id = $1", payment)).ShouldBe("收款金额有误");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'payments' AND action = 'update' AND actor = $1 AND (entity_key->>'id')::bigint = $2",
            Clerk, payment)).ShouldBe(1);
        var again = await AsAsync(Clerk, c => c.ReverseAsync(payment, "再次冲正"));
        again.Message.ShouldBe("该笔缴费当前状态为“已冲正”，不能进行此操作。");
    }

    [Fact]
    public async Task A_claimed_payment_is_reversed_by_the_county_only()
    {
        var (_, m) = await HouseholdAsync(1);
        (await RecordAsync(Collector, m[0])).Recorded.ShouldBeTrue();
        var payment = await PaymentOfAsync(m[0]);
        (await AsAsync(Clerk, c => c.ConfirmAsync(payment))).Done.ShouldBeTrue();
        await app.ScalarAsync<long>("UPDATE payments SET claimed_at = now() WHERE id = $1 RETURNING id", payment);

        var clerk = await AsAsync(Clerk, c => c.ReverseAsync(payment, "退保"));
        clerk.Done.ShouldBeFalse();
        clerk.Message.ShouldBe("该笔缴费已纳入已开具的补助申报批次，须由县医保局冲正。");
        (await StatusOfAsync(m[0])).ShouldBe("paid");

        (await AsAsync(County, c => c.ReverseAsync(payment, "退保"))).Done.ShouldBeTrue();
        (await StatusOfAsync(m[0])).ShouldBe("registered");
    }

    [Fact]
    public async Task A_township_clerk_elsewhere_finds_neither_the_person_nor_the_household()
    {
        var (household, m) = await HouseholdAsync(1);
        await using var session = await app.SessionAsync("tz-binhu");

        (await session.Get<PaymentQueries>().ResidentDuesAsync(m[0], null)).ShouldBeNull();
        (await session.Get<PaymentQueries>().HouseholdDuesAsync(household, null)).ShouldBeNull();
        (await session.Get<PaymentCommands>().RecordAsync(new RecordPaymentForm
        {
            ResidentId = m[0], Channel = "wechat", Reference = Reference(), PaidOn = Today, Amount = 400m,
        })).Found.ShouldBeFalse();
        (await PaymentsOfAsync(m[0])).ShouldBe(0);
    }
}
