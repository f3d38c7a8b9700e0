using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.GovernmentPayments;
using Enrollment.Web.Features.HandoverSheets;
using Enrollment.Web.Features.Refunds;

namespace Enrollment.Adversarial;

/// <summary>
/// 缴款单, 退费 and 政府代缴: reads for whoever the permission table allows (a collector's own sheets, a township's or
/// the county's list); changes only with ids that do not exist or a missing date, so an allowed call stops at its
/// own rule and writes nothing, while a refused one is refused before it reads anything.
/// </summary>
public static partial class HandlerExpectations
{
    private static readonly HandoverSheetKey NoSheet = new(HandlerWorld.Missing, HandlerWorld.Missing, new DateOnly(2024, 11, 20), 1);

    private static bool ReadsRefunds(Actor a) => Can(a, Operation.ManageRefunds) || Can(a, Operation.ConfirmPayments);

    private static Func<object?, Task<string?>> Anything => _ => Task.FromResult<string?>(null);

    private static IEnumerable<KeyValuePair<string, HandlerEntry>> PaymentEntries() =>
    [
        new(Key<HandoverQueries>(nameof(HandoverQueries.PageAsync)), new((a, _) =>
        [
            new("the sheets the actor may see", Can(a, Operation.RecordPayments), s => Box(s.Get<HandoverQueries>().PageAsync(new HandoverFilter(), FirstPage)))
            {
                Check = That<GridPage<HandoverSheetRow>>(_ => true),
            },
        ])),
        new(Key<HandoverQueries>(nameof(HandoverQueries.SheetAsync)), new((a, _) =>
        [
            new("a sheet that does not exist", Can(a, Operation.RecordPayments), s => Box(s.Get<HandoverQueries>().SheetAsync(NoSheet)))
            {
                Check = answer => Task.FromResult<string?>(answer is null ? null : "a sheet that does not exist was found"),
            },
        ])),
        new(Key<HandoverQueries>(nameof(HandoverQueries.TownshipsAsync)), new((a, w) =>
        [
            new("the townships of the subtree", Can(a, Operation.RecordPayments), s => Box(s.Get<HandoverQueries>().TownshipsAsync()))
            {
                Check = Anything, Secrets = OutsidePlaces(a, w),
            },
        ])),
        new(Key<HandoverCommands>(nameof(HandoverCommands.ReceiveAsync)), new((a, _) =>
        [
            new("a sheet that does not exist", Can(a, Operation.ConfirmPayments), s => Box(s.Get<HandoverCommands>().ReceiveAsync(NoSheet, "0-0-0.00")))
            {
                Check = That<HandoverOutcome>(o => o == HandoverOutcome.NotFound),
            },
        ])),
        new(Key<RefundQueries>(nameof(RefundQueries.PageAsync)), new((a, _) =>
        [
            new("the refunds the actor may see", ReadsRefunds(a), s => Box(s.Get<RefundQueries>().PageAsync(new RefundFilter(), FirstPage)))
            {
                Check = That<GridPage<RefundRow>>(_ => true),
            },
        ])),
        new(Key<RefundQueries>(nameof(RefundQueries.TownshipsAsync)), new((a, w) =>
        [
            new("the townships of the subtree", ReadsRefunds(a), s => Box(s.Get<RefundQueries>().TownshipsAsync()))
            {
                Check = Anything, Secrets = OutsidePlaces(a, w),
            },
        ])),
        new(Key<RefundCommands>(nameof(RefundCommands.ApproveAsync)), new((a, _) =>
        [
            new("a payment that does not exist", Can(a, Operation.ManageRefunds), s => Box(s.Get<RefundCommands>().ApproveAsync(HandlerWorld.Missing)))
            {
                Check = That<RefundOutcome>(o => o == RefundOutcome.NotFound),
            },
        ])),
        new(Key<RefundCommands>(nameof(RefundCommands.RefundAsync)), new((a, _) =>
        [
            new("a payment that does not exist", Can(a, Operation.ManageRefunds),
                s => Box(s.Get<RefundCommands>().RefundAsync(HandlerWorld.Missing, BusinessDate)))
            {
                Check = That<RefundOutcome>(o => o == RefundOutcome.NotFound),
            },
        ])),
        new(Key<GovernmentCommands>(nameof(GovernmentCommands.CampaignsAsync)), new((a, _) =>
        [
            new("the county's campaigns", Can(a, Operation.RecordGovernmentPayments), s => Box(s.Get<GovernmentCommands>().CampaignsAsync()))
            {
                Check = Anything,
            },
        ])),
        new(Key<GovernmentCommands>(nameof(GovernmentCommands.PreviewAsync)), new((a, w) => w.Campaigns.Select(c =>
            new HandlerProbe(c.Label, Can(a, Operation.RecordGovernmentPayments) && Same(a, c.TenantId),
                s => Box(s.Get<GovernmentCommands>().PreviewAsync(c.Code)))
            {
                Check = That<GovernmentPreview>(p => p.Code == c.Code),
                Echoes = [c.Code],
            }))),
        // Allowed: no date, so nothing is written; refused: a valid date, so a missing check would pay.
        new(Key<GovernmentCommands>(nameof(GovernmentCommands.PayAsync)), new((a, w) => w.Campaigns.Select(c =>
            Can(a, Operation.RecordGovernmentPayments) && Same(a, c.TenantId)
                ? new HandlerProbe(c.Label, true, s => Box(s.Get<GovernmentCommands>().PayAsync(c.Code, null)))
                {
                    Check = That<GovernmentAnswer>(g => g.Written == 0 && g.Problem is not null && g.Problem != GovernmentText.UnknownCampaign),
                    Echoes = [c.Code],
                }
                : new HandlerProbe(c.Label, false, s => Box(s.Get<GovernmentCommands>().PayAsync(c.Code, BusinessDate))) { Echoes = [c.Code] }))),
    ];
}
