using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.GovernmentPayments;

namespace Enrollment.Web.Tests.Payments;

/// <summary>
/// 政府代缴: the county records the government's payment for every unpaid enrollment a subsidy pays in full; they
/// count as paid (government_paid) and move the progress figures; a second run writes nothing.
/// </summary>
public sealed class GovernmentPaymentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Campaign = "tengzhou-2025";

    private const string GovernmentPaid = """
        SELECT count(*) FROM enrollments e JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
        WHERE c.code = 'tengzhou-2025' AND e.status = 'government_paid'
        """;

    private const string Progress = """
        SELECT coalesce(sum(d.paid), 0) FROM progress_deltas d JOIN campaigns c ON c.tenant_id = d.tenant_id AND c.id = d.campaign_id
        WHERE c.code = 'tengzhou-2025'
        """;

    [Fact]
    public async Task The_government_pays_for_the_fully_subsidised_once_and_they_count_as_paid()
    {
        var progressBefore = await app.ScalarAsync<long>(Progress);
        var governmentBefore = await app.ScalarAsync<long>(GovernmentPaid);
        await using var session = await app.SessionAsync("tz-staff");
        var commands = session.Get<GovernmentCommands>();

        (await commands.CampaignsAsync()).ShouldContain(c => c.Code == Campaign);
        var preview = (await commands.PreviewAsync(Campaign)).ShouldNotBeNull();
        var due = (long)preview.Count;
        due.ShouldBeGreaterThan(0, "the demo has unpaid residents whose whole contribution a subsidy pays");
        preview.Amount.ShouldBeGreaterThan(0m);
        (await commands.PayAsync(Campaign, new DateOnly(2024, 11, 21))).Problem.ShouldBe(GovernmentText.DateInFuture);
        (await commands.PayAsync("no-such-campaign", new DateOnly(2024, 11, 20))).Problem.ShouldBe(GovernmentText.UnknownCampaign);
        var first = await commands.PayAsync(Campaign, new DateOnly(2024, 11, 20));

        first.ShouldBe(new GovernmentAnswer((int)due, null));
        (await app.ScalarAsync<long>(GovernmentPaid)).ShouldBe(governmentBefore + due);
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM payments p JOIN enrollments e ON e.id = p.enrollment_id JOIN campaigns c ON c.id = e.campaign_id
            WHERE c.code = 'tengzhou-2025' AND p.channel_code = 'government_direct' AND p.recorded_by_user_id = (SELECT id FROM user_accounts WHERE login = 'tz-staff')
            """)).ShouldBe(due);
        (await app.ScalarAsync<long>(Progress)).ShouldBe(progressBefore + due);
        (await commands.PreviewAsync(Campaign)).ShouldNotBeNull().Count.ShouldBe(0);

        var second = await commands.PayAsync(Campaign, new DateOnly(2024, 11, 20));
        second.ShouldBe(new GovernmentAnswer(0, null));
        GovernmentText.Written(0).ShouldContain("未写入任何记录");
        (await app.ScalarAsync<long>(Progress)).ShouldBe(progressBefore + due);
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'payments' AND action = 'insert' AND actor = 'tz-staff'")).ShouldBe(2);
    }

    [Fact]
    public async Task A_township_clerk_cannot_record_the_government_payment()
    {
        await using var session = await app.SessionAsync(CashWorld.Clerk);
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<GovernmentCommands>().PayAsync(Campaign, new DateOnly(2024, 11, 20)));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<GovernmentCommands>().PreviewAsync(Campaign));
    }
}
