using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enrollment.Web.Features.Errors;

internal static class StatusEndpoints
{
    /// <summary>
    /// /status/{code}: where status-code pages and the exception handler re-execute to. Answers every method,
    /// because the original request may have been a form post.
    /// </summary>
    public static void MapStatusPages(this WebApplication app)
    {
        app.Map("/status/{code:int}", (int code, HttpContext context) =>
        {
            // A component endpoint that ended in an error status has already set this header; rendering the
            // status page would add it again and fail.
            context.Response.Headers.Remove("blazor-enhanced-nav");
            var status = code is >= 400 and <= 599 ? code : 404;
            var unreadable = context.Features.Get<Hosting.UnreadableFormFeature>() is not null;
            var failedAntiforgery = !unreadable && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
            var isServerError = status >= 500 || context.Features.Get<IExceptionHandlerFeature>() is not null;
            return new RazorComponentResult<StatusPage>(new Dictionary<string, object?>
            {
                [nameof(StatusPage.StatusCode)] = status,
                [nameof(StatusPage.AntiforgeryFailed)] = failedAntiforgery,
                [nameof(StatusPage.UnreadableForm)] = unreadable,
                [nameof(StatusPage.CorrelationId)] = isServerError ? context.TraceIdentifier : null,
                [nameof(StatusPage.BackUrl)] = SameSiteReferer(context),
            })
            { StatusCode = status };
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The page the user came from, only when it is on this site (never an open redirect).</summary>
    private static string? SameSiteReferer(HttpContext context)
    {
        var referer = context.Request.Headers.Referer.ToString();
        if (!Uri.TryCreate(referer, UriKind.Absolute, out var uri) ||
            !string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return uri.PathAndQuery;
    }
}
