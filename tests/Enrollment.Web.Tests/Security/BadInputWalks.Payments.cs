using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Payments;
using Enrollment.Web.Tests.Households;

namespace Enrollment.Web.Tests.Security;

/// <summary>The walks of the payment pages: a person's and a household's entry, confirmation, a village's day, reversal, and the reads.</summary>
internal static partial class BadInputWalks
{
    private const string Collector = "tz-baogou-cun";
    private static readonly DateOnly PayDay = new(2024, 11, 20);

    private static Outcome RecordOutcome(object? answer) => answer switch
    {
        PaymentRecordAnswer { Recorded: true } => Outcome.Stored,
        PaymentRecordAnswer { Found: false } => Outcome.NotFound,
        PaymentRecordAnswer a => Outcome.Refused(a.Errors.Values),
        HouseholdPaymentAnswer { Recorded: > 0 } => Outcome.Stored,
        HouseholdPaymentAnswer { Found: false } => Outcome.NotFound,
        HouseholdPaymentAnswer a => Outcome.Refused(a.Errors.Values),
        PaymentChangeAnswer { Done: true } => Outcome.Stored,
        PaymentChangeAnswer { Found: false } => Outcome.NotFound,
        PaymentChangeAnswer a => Outcome.Refused(a.Message),
        VillageDayAnswer { Found: false } => Outcome.NotFound,
        VillageDayAnswer { Confirmed: > 0 } => Outcome.Stored,
        VillageDayAnswer => Outcome.Read,
        _ => throw new InvalidOperationException("no answer"),
    };

    /// <summary>A household of adults of its own in the collector's village, made anew after a call that wrote.</summary>
    private static Task<(long Household, long[] Members)> PayingHouseholdAsync(DemoApp app, Places p, WalkState state, int members) =>
        state.KeepAsync("paying", () => app.NewHouseholdAsync(Clerk, p.Village, members, adults: true));

    private static async Task<long> CampaignOfAsync(DemoApp app, long resident)
    {
        await using var session = await app.SessionAsync(Clerk);
        return (await session.Get<PaymentQueries>().ResidentDuesAsync(resident, null))!.Campaigns[0].CampaignId;
    }

    /// <summary>A collector's unconfirmed entry for a new person, for the clerk to confirm or reverse.</summary>
    private static Task<long> EntryAsync(DemoApp app, Places p, WalkState state) => state.KeepAsync("entry", async () =>
    {
        var (_, members) = await app.NewHouseholdAsync(Clerk, p.Village, 1, adults: true);
        await using var session = await app.SessionAsync(Collector);
        var answer = await session.Get<PaymentCommands>().RecordAsync(new RecordPaymentForm
        {
            ResidentId = members[0], CampaignId = await CampaignOfAsync(app, members[0]), Channel = "village_collection",
            Reference = $"WALK{state.Next():D6}", PaidOn = PayDay, Amount = 400m,
        });
        answer.Recorded.ShouldBeTrue(string.Join("；", answer.Errors.Values));
        return await app.ScalarAsync<long>("SELECT max(id) FROM payments WHERE resident_id = $1", members[0]);
    });

    private static IEnumerable<HandlerWalk> Payments(DemoApp app, Places p)
    {
        Func<object?, string, Outcome> judge = (r, _) => RecordOutcome(r);
        IReadOnlyList<BadValue> Ids(string field) =>
            Is(field, "ResidentId") ? p.ForeignResidents : Is(field, "HouseholdId", "householdId") ? p.ForeignHouseholds
            : Is(field, "villageId", "VillageId") ? p.ForeignVillages : [];
        // A channel is a code from the picker: no corpus text is one.
        Func<string, BadValue, bool> channel = (field, v) => Is(field, "Channel") && AnyText(v);
        yield return new HandlerWalk
        {
            Service = typeof(PaymentCommands), Method = nameof(PaymentCommands.RecordAsync), Login = Collector,
            Arguments = async s =>
            {
                var (_, members) = await PayingHouseholdAsync(app, p, s, 1);
                return [new RecordPaymentForm
                {
                    ResidentId = members[0], CampaignId = await CampaignOfAsync(app, members[0]), Channel = "wechat",
                    Reference = $"WALKP{s.Next():D6}", PaidOn = PayDay, Amount = 400m,
                }];
            },
            Judge = judge, MustRefuse = channel, Ids = Ids,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentCommands), Method = nameof(PaymentCommands.RecordHouseholdAsync), Login = Collector,
            Arguments = async s =>
            {
                var (household, members) = await PayingHouseholdAsync(app, p, s, 2);
                return [new HouseholdPaymentForm
                {
                    HouseholdId = household, CampaignId = await CampaignOfAsync(app, members[0]), Channel = "wechat",
                    Reference = $"WALKH{s.Next():D6}", PaidOn = PayDay, ExpectedTotal = 800m,
                }];
            },
            Judge = judge, MustRefuse = channel, Ids = Ids,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentCommands), Method = nameof(PaymentCommands.ConfirmAsync), Login = Clerk,
            Arguments = async s => [await EntryAsync(app, p, s)], Judge = judge,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentCommands), Method = nameof(PaymentCommands.ReverseAsync), Login = Clerk,
            Arguments = async s => [await EntryAsync(app, p, s), "收款有误"], Judge = judge,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentCommands), Method = nameof(PaymentCommands.ConfirmVillageDayAsync), Login = Clerk,
            Arguments = async s => { await EntryAsync(app, p, s); return [p.Village, PayDay]; }, Judge = judge, Ids = Ids,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentQueries), Method = nameof(PaymentQueries.ResidentDuesAsync), Login = Clerk,
            Arguments = async s => [(await PayingHouseholdAsync(app, p, s, 1)).Members[0], PayDay], Ids = Ids,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentQueries), Method = nameof(PaymentQueries.HouseholdDuesAsync), Login = Clerk,
            Arguments = _ => Task.FromResult<object?[]>([p.Household, PayDay]), Ids = Ids,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentQueries), Method = nameof(PaymentQueries.HouseholdPreviewAsync), Login = Collector,
            Arguments = async s => (await PayingHouseholdAsync(app, p, s, 2)) is var (h, m) ? [h, await CampaignOfAsync(app, m[0]), PayDay] : [],
            Ids = Ids,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentQueries), Method = nameof(PaymentQueries.UnconfirmedAsync), Login = Clerk,
            Arguments = _ => Task.FromResult<object?[]>([new ConfirmFilter { VillageId = p.Village, RecordedOn = PayDay }, new GridRequest(0, 20)]),
            Ids = Ids,
        };
    }
}
