using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.Transfers;

internal static class TransferEndpoints
{
    /// <summary>
    /// POST /transfers/request (htmx, from the registration form) and the approve/reject posts of /transfers.
    /// Binding form fields makes each require the form's antiforgery token.
    /// </summary>
    public static void MapTransferEndpoints(this WebApplication app)
    {
        app.MapPost("/transfers/request", async (
            [FromForm(Name = "Input.CitizenId")] string? citizenId,
            [FromForm(Name = "Input.VillageId")] long? villageId,
            [FromForm(Name = "TransferReason")] string? reason,
            HttpContext context, EnrollmentDbContext db, DuplicateRegistry registry, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (ok, message) = await TransferCommands.RequestAsync(db, registry, clock, context.User.UserId(), citizenId, villageId, reason, cancellationToken);
            return new RazorComponentResult<TransferRequested>(new Dictionary<string, object?>
            {
                [nameof(TransferRequested.Ok)] = ok,
                [nameof(TransferRequested.Message)] = message,
            });
        }).RequireAuthorization(Policies.Registrar).ExcludeFromDescription();

        app.MapPost("/transfers/{id:long}/{decision:regex(^(approve|reject)$)}", async (
            long id, string decision, [FromForm(Name = "note")] string? note,
            HttpContext context, EnrollmentDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var approve = decision == "approve";
            var outcome = await TransferCommands.DecideAsync(db, clock, context.User.UserId(), id, approve, note, cancellationToken);
            return outcome switch
            {
                DecisionOutcome.Done => Results.LocalRedirect(approve ? "/transfers?done=approved" : "/transfers?done=rejected"),
                DecisionOutcome.NoteRequired => Results.LocalRedirect("/transfers?done=note-required"),
                DecisionOutcome.NotFound => Results.NotFound(),
            };
        }).RequireAuthorization(Policies.TransferApprover).ExcludeFromDescription();
    }
}
