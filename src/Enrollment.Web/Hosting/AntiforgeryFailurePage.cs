using Microsoft.AspNetCore.Antiforgery;

namespace Enrollment.Web.Hosting;

internal static class AntiforgeryFailurePage
{
    /// <summary>
    /// A forged or expired antiforgery token makes the component endpoint answer a bare English 400.
    /// Stop such a request here with an empty 400 instead, so the status-code page explains it in Chinese
    /// and offers a way back. Must sit after UseAntiforgery.
    /// </summary>
    public static IApplicationBuilder UseAntiforgeryFailurePage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var requiresToken = context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true };
            if (requiresToken && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            await next(context);
        });
}
