using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.GovernmentPayments;
using Enrollment.Web.Features.HandoverSheets;
using Enrollment.Web.Features.Refunds;
using Enrollment.Web.Tests.Payments;

namespace Enrollment.Web.Tests.Security;

internal static partial class BadInputWalks
{
    // ---- 缴款单、退费、政府代缴 ---------------------------------------------------------------------------------------

    private const string CountyStaff = "tz-staff";

    /// <summary>An open sheet of the demo collector on a day of its own, and what the clerk saw of it.</summary>
    private static async Task<(HandoverSheetKey Key, string Seen)> OpenSheetAsync(DemoApp app, WalkState state)
    {
        var day = new DateOnly(2024, 10, 1).AddDays(state.Next());
        var person = (await CashWorld.UnpaidAsync(app, 1))[0];
        await CashWorld.RecordAsync(app, CashWorld.Collector, person.EnrollmentId, day, person.Payable);
        var key = new HandoverSheetKey(await CashWorld.UserIdAsync(app, CashWorld.Collector), await app.VillageOfAsync("鲍沟镇"), day, 1);
        await using var session = await app.SessionAsync(Clerk);
        return (key, (await session.Get<HandoverQueries>().SheetAsync(key)).ShouldNotBeNull().Seen);
    }

    /// <summary>A double payment (refund_due) of 鲍沟镇, approved by the county when <paramref name="approved"/>.</summary>
    private static async Task<long> DoublePaymentAsync(DemoApp app, WalkState state, bool approved)
    {
        var person = (await CashWorld.UnpaidAsync(app, 1))[0];
        var day = new DateOnly(2024, 11, 10);
        await CashWorld.RecordAsync(app, Clerk, person.EnrollmentId, day, person.Payable, "wechat", $"BW-A-{person.EnrollmentId}-{state.Next()}", confirmed: true);
        var second = await CashWorld.RecordAsync(app, Clerk, person.EnrollmentId, day, person.Payable, "alipay", $"BW-B-{person.EnrollmentId}-{state.Next()}", confirmed: true);
        if (approved)
        {
            await using var session = await app.SessionAsync(CountyStaff);
            (await session.Get<RefundCommands>().ApproveAsync(second)).ShouldBe(RefundOutcome.Approved);
        }
        return second;
    }

    private static IEnumerable<HandlerWalk> CashPayments(DemoApp app)
    {
        var page = new GridRequest(0, 20);
        Func<object?, string, Outcome> refund = (r, _) => r switch
        {
            RefundOutcome.Approved or RefundOutcome.Refunded => Outcome.Stored,
            RefundOutcome.NotFound => Outcome.NotFound,
            RefundOutcome o => Outcome.Refused(RefundText.Outcome(o)),
            _ => throw new InvalidOperationException("no outcome"),
        };
        yield return new HandlerWalk
        {
            Service = typeof(HandoverQueries), Method = nameof(HandoverQueries.PageAsync), Login = Clerk,
            Arguments = _ => Task.FromResult<object?[]>([new HandoverFilter(null, HandoverState.Open), page with { }]),
        };
        yield return new HandlerWalk
        {
            Service = typeof(HandoverQueries), Method = nameof(HandoverQueries.SheetAsync), Login = Clerk,
            Arguments = async s => [(await s.KeepAsync("sheet", () => OpenSheetAsync(app, s))).Key with { }],
        };
        yield return new HandlerWalk
        {
            Service = typeof(HandoverCommands), Method = nameof(HandoverCommands.ReceiveAsync), Login = Clerk,
            Arguments = async s => (await s.KeepAsync("sheet", () => OpenSheetAsync(app, s))) is var (key, seen) ? [key with { }, seen] : [],
            Judge = (r, _) => r switch
            {
                HandoverOutcome.Received => Outcome.Stored,
                HandoverOutcome.NotFound => Outcome.NotFound,
                HandoverOutcome o => Outcome.Refused(HandoverText.Outcome(o)),
                _ => throw new InvalidOperationException("no outcome"),
            },
        };
        yield return new HandlerWalk
        {
            Service = typeof(RefundQueries), Method = nameof(RefundQueries.PageAsync), Login = CountyStaff,
            Arguments = _ => Task.FromResult<object?[]>([new RefundFilter(null, RefundState.Due), page with { }]),
        };
        yield return new HandlerWalk
        {
            Service = typeof(RefundCommands), Method = nameof(RefundCommands.ApproveAsync), Login = CountyStaff,
            Arguments = async s => [await s.KeepAsync("due", () => DoublePaymentAsync(app, s, approved: false))],
            Judge = refund,
        };
        yield return new HandlerWalk
        {
            Service = typeof(RefundCommands), Method = nameof(RefundCommands.RefundAsync), Login = CountyStaff,
            Arguments = async s => [await s.KeepAsync("approved", () => DoublePaymentAsync(app, s, approved: true)), new DateOnly(2024, 11, 15)],
            Judge = refund,
        };
        yield return new HandlerWalk
        {
            Service = typeof(GovernmentCommands), Method = nameof(GovernmentCommands.PreviewAsync), Login = CountyStaff,
            Arguments = _ => Task.FromResult<object?[]>(["tengzhou-2025"]),
        };
        yield return new HandlerWalk
        {
            Service = typeof(GovernmentCommands), Method = nameof(GovernmentCommands.PayAsync), Login = CountyStaff,
            Arguments = _ => Task.FromResult<object?[]>(["tengzhou-2025", new DateOnly(2024, 11, 20)]),
            Judge = (r, _) => r is GovernmentAnswer a
                ? a.Problem is null ? Outcome.Stored : a.Problem == GovernmentText.UnknownCampaign ? Outcome.NotFound : Outcome.Refused(a.Problem)
                : throw new InvalidOperationException("no answer"),
        };
    }
}
