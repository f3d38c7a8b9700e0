using Microsoft.AspNetCore.Components;

namespace Enrollment.Web.Features.Errors;

/// <summary>
/// A record the user may not see (or that does not exist) answers 404, the same either way. A GET ends with
/// <see cref="NavigationManager.NotFound"/>. A form post cannot: the endpoint must still find the posted form
/// (else it answers 400). So for a post the page sets 404 itself and renders empty forms with the posted names
/// whose handlers do nothing; the status page then re-executes in a fresh scope (see WebHostingExtensions).
/// </summary>
internal static class OutOfScope
{
    /// <summary>Answers 404; returns true when the page must render the 404 message and empty forms itself.</summary>
    public static bool NotFound(HttpContext context, NavigationManager navigation)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            navigation.NotFound();
            return false;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return true;
    }
}
