using Enrollment.Data.Resilience;
using Enrollment.Web.Features.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enrollment.Web.Hosting;

/// <summary>
/// A request that failed because the database could not be reached (after the retries of what could be retried)
/// answers 503 with Retry-After and a Chinese 稍后重试 page, not a 500: nothing is wrong with the request, and
/// trying again shortly works.
/// </summary>
internal sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!RetrySettings.IsUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        logger.LogWarning(exception, "Database unavailable for {Method} {Path}; answered 503", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.Clear();
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await new RazorComponentResult<StatusPage>(new Dictionary<string, object?> { [nameof(StatusPage.StatusCode)] = 503 })
        {
            StatusCode = StatusCodes.Status503ServiceUnavailable,
        }.ExecuteAsync(httpContext);
        return true;
    }
}
