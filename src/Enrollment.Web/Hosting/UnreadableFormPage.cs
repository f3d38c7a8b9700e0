using Microsoft.AspNetCore.Antiforgery;

namespace Enrollment.Web.Hosting;

/// <summary>A form post the framework cannot read (a %00 in a field): answered 400, explained as such.</summary>
internal sealed class UnreadableFormFeature
{
}

internal static class UnreadableFormPage
{
    /// <summary>
    /// Reads a posted form before the antiforgery check does. ASP.NET Core's form reader refuses a NUL in a field
    /// ("The path contains null characters"); left to the antiforgery check, that read failure became a failed token
    /// and the page said 表单已过期, which sends the person to refresh and type the same thing again. Here it is a
    /// 400 of its own, whose status page says the content held characters that cannot be submitted. Must sit before
    /// UseAntiforgery; the form read here is the one every later reader gets.
    /// </summary>
    public static IApplicationBuilder UseUnreadableFormPage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Only on the way in: not when a status page re-executes the request (after this refusal, or after the
            // antiforgery check refused it, when the framework no longer lets anyone read the form).
            if (context.Features.Get<UnreadableFormFeature>() is null && context.Features.Get<IAntiforgeryValidationFeature>() is null
                && context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
                {
                    context.Features.Set(new UnreadableFormFeature());
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
            }
            await next(context);
        });
}
