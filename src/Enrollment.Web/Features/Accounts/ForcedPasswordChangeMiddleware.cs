namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// At first sign-in (and after an administrator's reset) the user must choose a new password before anything
/// else: every page redirects to the change-password page until they do.
/// </summary>
internal sealed class ForcedPasswordChangeMiddleware(RequestDelegate next)
{
    private static readonly string[] Allowed =
        ["/account/change-password", "/account/sign-out", "/status/", "/healthz", "/css/", "/js/", "/_framework/", "/_content/", "/Enrollment.Web.styles.css"];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (context.User.MustChangePasswordOf() && !Allowed.Any(a => path.StartsWith(a, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/account/change-password");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
