using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.TrialQuote;

internal static class TrialQuoteEndpoints
{
    /// <summary>
    /// POST /trial-quote/check-id: the htmx check of the ID number as it is typed. It reads the EditForm's field
    /// (Input.IdNumber); binding a form field makes it require the form's antiforgery token, which htmx sends
    /// with the rest of the form.
    /// </summary>
    public static void MapTrialQuoteEndpoints(this WebApplication app)
    {
        app.MapPost("/trial-quote/check-id", ([FromForm(Name = "Input.IdNumber")] string? idNumber) =>
                new RazorComponentResult<IdCheckFragment>(new { IdNumber = idNumber }))
            .RequireAuthorization();
    }
}
