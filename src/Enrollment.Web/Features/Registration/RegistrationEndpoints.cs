using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.Registration;

internal static class RegistrationEndpoints
{
    /// <summary>The htmx fragments of the registration form.</summary>
    public static void MapRegistrationEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/residents/register").RequirePermission(Operation.RegisterResidents).ExcludeFromDescription();

        // As typed: binding a form field makes the endpoint require the form's antiforgery token.
        group.MapPost("/check-id", async (
            [FromForm(Name = "Input.CitizenId")] string? citizenId, EnrollmentDbContext db, DuplicateRegistry registry, TimeProvider clock,
            CancellationToken cancellationToken) =>
            new RazorComponentResult<IdFeedback>(new Dictionary<string, object?>
            {
                [nameof(IdFeedback.Check)] = await CitizenIdCheck.CheckAsync(db, registry, clock, citizenId, cancellationToken),
            }));

        group.MapGet("/households", async (
            [FromQuery(Name = "Input.VillageId")] long? villageId, EnrollmentDbContext db, CancellationToken cancellationToken) =>
            new RazorComponentResult<HouseholdSelect>(new Dictionary<string, object?>
            {
                [nameof(HouseholdSelect.Households)] = await RegistrationChoices.HouseholdsAsync(db, villageId, cancellationToken),
            }));
    }
}
