using Enrollment.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.Accounts;

internal static class AccountEndpoints
{
    /// <summary>
    /// POST /account/sign-out from the header's form. Binding a form field makes the endpoint require a valid
    /// antiforgery token, so another site cannot sign a clerk out.
    /// </summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/sign-out", async (
            [FromForm(Name = "reason")] string? reason,
            HttpContext context,
            SignInManager<UserAccount> signIn,
            SignInAudit audit) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var user = await signIn.UserManager.GetUserAsync(context.User);
                if (user is not null)
                {
                    // A new stamp ends this session everywhere: a copy of the cookie saved before now is refused.
                    await signIn.UserManager.UpdateSecurityStampAsync(user);
                }
                await audit.RecordAsync(AuditAction.SignOut, context.User.Identity.Name ?? "", user);
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/sign-in");
        }).AllowAnonymous();

        // GET /account/keep-alive: an open page reports its user's input (activity.js, at most once a minute). A
        // circuit sends no HTTP requests, so without this the 30-minute cookie would expire under someone working
        // in one page; re-issuing it here slides it from the last input, not from the last page load.
        app.MapGet("/account/keep-alive", async (HttpContext context) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return Results.Unauthorized();
            }
            await context.SignInAsync(IdentityConstants.ApplicationScheme, context.User, new AuthenticationProperties { IsPersistent = false });
            return Results.NoContent();
        }).AllowAnonymous();
    }
}
