using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// Checks the sign-in cookie against the account on every request: one primary-key read of the security stamp
/// and the active flag. Signing out, changing or resetting the password, disabling the account and changing its
/// role or scope all renew the stamp, so a cookie saved before any of them fails on its very next request —
/// not a minute later, as Identity's interval validator would allow — and is deleted.
/// </summary>
internal static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.UserId() is not { } userId)
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (!await IsCurrentAsync(services.GetRequiredService<NpgsqlDataSource>(), userId, context.Principal.FindFirstValue(stampClaim),
                context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            context.HttpContext.Items[EndedKey] = true;
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private static readonly object EndedKey = new();

    /// <summary>
    /// To the sign-in page; when this request's cookie was just refused (signed out elsewhere, password changed,
    /// account disabled) the page says the session ended, as an open page does — also after a reconnect reloads it.
    /// A script's request gets 401 with the address instead of a redirect, as the cookie handler's default does.
    /// </summary>
    public static Task RedirectToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = context.HttpContext.Items.ContainsKey(EndedKey)
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(context.RedirectUri, "reason", "ended")
            : context.RedirectUri;
        if (string.Equals(context.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            context.Response.Headers.Location = target;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            context.Response.Redirect(target);
        }
        return Task.CompletedTask;
    }

    /// <summary>The account exists, is active and still carries <paramref name="stamp"/>.</summary>
    public static async Task<bool> IsCurrentAsync(NpgsqlDataSource dataSource, long userId, string? stamp, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT security_stamp, is_active FROM user_accounts WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }
        var current = reader.IsDBNull(0) ? null : reader.GetString(0);
        return reader.GetBoolean(1) && string.Equals(current, stamp, StringComparison.Ordinal);
    }
}
