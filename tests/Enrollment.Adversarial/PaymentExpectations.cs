using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Payments;

namespace Enrollment.Adversarial;

/// <summary>
/// The payment pages' reads and changes. Allowed calls stop at a rule (a wrong amount, no reference, an empty reason,
/// a payment already confirmed, a day with nothing to confirm), so nothing is written; refused calls carry a real
/// change, so a missing scope or permission check would write and be caught.
/// </summary>
public static partial class HandlerExpectations
{
    private static readonly DateOnly PayDay = new(2024, 11, 20);

    private static bool Collects(Actor a, Person r) => Can(a, Operation.RecordPayments) && InScope(a, r.TenantId, r.Path);

    private static bool Confirms(Actor a, Place v) => Can(a, Operation.ConfirmPayments) && InScope(a, v.TenantId, v.Path);

    /// <summary>The tenant's first open campaign (0 when it has none: then nothing is found to pay in).</summary>
    private static Task<long> OpenCampaignAsync(HandlerWorld w, int tenant) => w.App.ScalarAsync<long>(
        "SELECT coalesce((SELECT id FROM campaigns WHERE tenant_id = $1 AND status = 'open' ORDER BY id LIMIT 1), 0)", tenant);

    /// <summary>A confirmed payment of the village's people (0 when it has none).</summary>
    private static Task<long> ConfirmedPaymentAsync(HandlerWorld w, Place village) => w.App.ScalarAsync<long>("""
        SELECT coalesce((SELECT p.id FROM payments p JOIN residents r ON r.tenant_id = p.tenant_id AND r.id = p.resident_id
                         WHERE r.village_id = $1 AND p.state = 'confirmed' ORDER BY p.id LIMIT 1), 0)
        """, village.Id);

    private static IEnumerable<HandlerProbe> ResidentDues(Actor a, HandlerWorld w) => w.Residents.Select(r =>
        new HandlerProbe(r.Label, Reads(a, r), s => Box(s.Get<PaymentQueries>().ResidentDuesAsync(r.Id, null)))
        {
            Check = That<ResidentDues>(d => d.ResidentId == r.Id),
        });

    private static IEnumerable<HandlerProbe> HouseholdDues(Actor a, HandlerWorld w) => Households(w).Select(h =>
        new HandlerProbe(h.Village.Label, Can(a, Operation.ReadResidents) && InScope(a, h.Village.TenantId, h.Village.Path),
            s => Box(s.Get<PaymentQueries>().HouseholdDuesAsync(h.Household, null)))
        {
            Check = That<IReadOnlyList<ResidentDues>>(d => d.Count > 0),
        });

    private static IEnumerable<HandlerProbe> HouseholdPreviews(Actor a, HandlerWorld w) => Households(w).Select(h =>
        new HandlerProbe(h.Village.Label, Can(a, Operation.RecordPayments) && InScope(a, h.Village.TenantId, h.Village.Path),
            async s => await s.Get<PaymentQueries>().HouseholdPreviewAsync(h.Household, await OpenCampaignAsync(w, h.Village.TenantId), PayDay))
        {
            // A county without an open campaign has nothing to preview: no answer, like a household not found.
            Check = answer => Task.FromResult<string?>(answer is null or HouseholdPreview ? null : "not a preview"),
        });

    private static IEnumerable<HandlerProbe> PaymentEntries(Actor a, HandlerWorld w) => w.Residents.Select(r => new HandlerProbe(
        r.Label, Collects(a, r), async s => await s.Get<PaymentCommands>().RecordAsync(new RecordPaymentForm
        {
            // Allowed: an amount nobody owes; refused: the amount the enrollment was quoted.
            ResidentId = r.Id, CampaignId = await OpenCampaignAsync(w, r.TenantId), Channel = "wechat", Reference = $"SWEEP{w.Next():D6}", PaidOn = PayDay,
            Amount = Collects(a, r) ? 0.01m : await w.App.ScalarAsync<decimal>(
                "SELECT coalesce((SELECT quote_payable FROM enrollments WHERE resident_id = $1 AND status = 'registered' LIMIT 1), 400)", r.Id),
        }))
    {
        Check = That<PaymentRecordAnswer>(x => !x.Recorded),
    });

    private static IEnumerable<HandlerProbe> HouseholdPayments(Actor a, HandlerWorld w) => Households(w).Select(h => new HandlerProbe(
        h.Village.Label, Can(a, Operation.RecordPayments) && InScope(a, h.Village.TenantId, h.Village.Path),
        async s => await s.Get<PaymentCommands>().RecordHouseholdAsync(new HouseholdPaymentForm
        {
            // Allowed: no reference; refused: everything a household payment needs.
            HouseholdId = h.Household, CampaignId = await OpenCampaignAsync(w, h.Village.TenantId), Channel = "wechat",
            Reference = Can(a, Operation.RecordPayments) && InScope(a, h.Village.TenantId, h.Village.Path) ? null : $"SWEEPH{w.Next():D6}", PaidOn = PayDay,
        }))
    {
        Check = That<HouseholdPaymentAnswer>(x => x.Found && x.Recorded == 0),
    });

    private static IEnumerable<HandlerProbe> Confirmations(Actor a, HandlerWorld w) => w.Villages.Select(v => new HandlerProbe(
        v.Label, Confirms(a, v) && v.Id != HandlerWorld.Missing, async s =>
        {
            var payment = v.Id == HandlerWorld.Missing ? HandlerWorld.Missing : await ConfirmedPaymentAsync(w, v);
            // Allowed and refused alike: a confirmed payment (confirming it again changes nothing; found only in scope).
            return await s.Get<PaymentCommands>().ConfirmAsync(payment);
        })
    {
        Check = That<PaymentChangeAnswer>(x => !x.Done),
    });

    private static IEnumerable<HandlerProbe> Reversals(Actor a, HandlerWorld w) => w.Villages.Select(v => new HandlerProbe(
        v.Label, Confirms(a, v), async s =>
        {
            var payment = v.Id == HandlerWorld.Missing ? HandlerWorld.Missing : await ConfirmedPaymentAsync(w, v);
            // Allowed: no reason (refused before anything is read); refused: a real reversal with its reason.
            return await s.Get<PaymentCommands>().ReverseAsync(payment, Confirms(a, v) ? null : "对抗测试冲正");
        })
    {
        Check = That<PaymentChangeAnswer>(x => x.Found && !x.Done),
    });

    private static IEnumerable<HandlerProbe> VillageDays(Actor a, HandlerWorld w) => w.Villages.Select(v => new HandlerProbe(
        // Allowed: a day nothing was recorded on; refused: the business date.
        v.Label, Confirms(a, v), s => Box(s.Get<PaymentCommands>().ConfirmVillageDayAsync(v.Id, Confirms(a, v) ? new DateOnly(2000, 1, 1) : PayDay)))
    {
        Check = That<VillageDayAnswer>(x => x.Found && x.Confirmed == 0),
    });

    private static IEnumerable<HandlerProbe> PaymentChannels(Actor a) =>
    [
        new("the channels a clerk records", Can(a, Operation.RecordPayments), s => Box(s.Get<PaymentQueries>().ChannelsAsync()))
        {
            Check = That<IReadOnlyList<ChannelChoice>>(c => c.Count > 0 && c.All(x => x.Code != "government_direct")),
        },
    ];

    private static IEnumerable<HandlerProbe> ConfirmVillages(Actor a, HandlerWorld w) =>
    [
        new("the villages to confirm in", Can(a, Operation.ConfirmPayments), s => Box(s.Get<PaymentQueries>().VillagesAsync()))
        {
            Check = That<IReadOnlyList<VillageChoice>>(c => c.Count > 0),
            Secrets = OutsidePlaces(a, w),
        },
    ];

    private static IEnumerable<HandlerProbe> Unconfirmed(Actor a, HandlerWorld w) => w.Villages.Select(v => new HandlerProbe(
        v.Label, Can(a, Operation.ConfirmPayments),
        s => Box(s.Get<PaymentQueries>().UnconfirmedAsync(new ConfirmFilter { VillageId = v.Id }, new GridRequest(0, GridRequest.MaxPageSize))))
    {
        // A village outside the scope lists nothing, as if it had no entries.
        Check = That<GridPage<UnconfirmedRow>>(p => Confirms(a, v) || p.Total == 0),
        Secrets = OutsidePlaces(a, w),
    });
}
