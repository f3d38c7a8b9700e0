using Enrollment.Data.Entities;
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
        });
    }
}
