using Microsoft.AspNetCore.Diagnostics;

namespace Enrollment.Web.Hosting;

/// <summary>
/// Logs an unhandled exception with the correlation id the 500 page shows the user, so a clerk's
/// screenshot leads straight to the log line. Returns false: the error page still renders.
/// </summary>
internal sealed class CorrelatedExceptionLogger(ILogger<CorrelatedExceptionLogger> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request path is the error page's; the original one is in the feature.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        logger.LogError(exception, "Unhandled exception for {Method} {Path}; correlation id {CorrelationId}",
            httpContext.Request.Method, path, httpContext.TraceIdentifier);
        return ValueTask.FromResult(false);
    }
}
