using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.Transfers;

internal static class TransferEndpoints
{
    /// <summary>
    /// POST /transfers/request (htmx, from the registration form), and the approve, reject and withdraw posts of
    /// /transfers. Binding form fields makes each require the form's antiforgery token.
    /// </summary>
    public static void MapTransferEndpoints(this WebApplication app)
    {
        app.MapPost("/transfers/request", async (
            [FromForm(Name = "Input.CitizenId")] string? citizenId,
            [FromForm(Name = "Input.VillageId")] long? villageId,
            [FromForm(Name = "TransferReason")] string? reason,
            HttpContext context, EnrollmentDbContext db, DuplicateRegistry registry, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var answer = await TransferRequestCommand.RequestAsync(db, registry, clock, context.User.UserId(), citizenId, villageId, reason, cancellationToken);
            return new RazorComponentResult<TransferRequested>(new Dictionary<string, object?>
            {
                [nameof(TransferRequested.Ok)] = answer.Ok,
                [nameof(TransferRequested.Message)] = answer.Message,
                [nameof(TransferRequested.PendingRequestId)] = answer.PendingRequestId,
            });
        }).RequireAuthorization(Policies.Registrar).ExcludeFromDescription();

        app.MapPost("/transfers/{id:long}/{decision:regex(^(approve|reject)$)}", async (
            long id, string decision, [FromForm(Name = "note")] string? note, [FromForm(Name = TransferScope.VersionField)] string? version,
            HttpContext context, EnrollmentDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var outcome = await TransferDecision.DecideAsync(
                db, clock, context.User.UserId(), id, decision == "approve", note, TransferScope.ParseVersion(version), cancellationToken);
            return Answer(outcome, id);
        }).RequireAuthorization(Policies.TransferApprover).ExcludeFromDescription();

        app.MapPost("/transfers/{id:long}/withdraw", async (
            long id, [FromForm(Name = "note")] string? note, [FromForm(Name = TransferScope.VersionField)] string? version,
            HttpContext context, EnrollmentDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var outcome = await TransferWithdrawal.WithdrawAsync(
                db, clock, context.User.UserId(), context.User.RoleOf(), id, note, TransferScope.ParseVersion(version), cancellationToken);
            return Answer(outcome, id);
        }).RequireAuthorization(Policies.Registrar).ExcludeFromDescription();
    }

    /// <summary>Back to the list with the outcome (TransfersPage words it), anchored at the request's row.</summary>
    private static IResult Answer(TransferOutcome outcome, long id) => outcome switch
    {
        TransferOutcome.NotFound => Results.NotFound(),
        TransferOutcome.Approved => Back("approved", id),
        TransferOutcome.Rejected => Back("rejected", id),
        TransferOutcome.Withdrawn => Back("withdrawn", id),
        TransferOutcome.NoteRequired => Back("note-required", id),
        TransferOutcome.AlreadyClosed => Back("closed", id),
        TransferOutcome.Lapsed => Back("lapsed", id),
    };

    private static IResult Back(string done, long id) =>
        Results.LocalRedirect(FormattableString.Invariant($"/transfers?done={done}#transfer-{id}"));
}
