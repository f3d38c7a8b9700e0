using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.Imports;

/// <summary>
/// The upload and the report as plain HTTP, not through the circuit (a SignalR message is no way to carry 50 MB):
/// POST /imports/residents takes the page's multipart form (antiforgery checked because it binds a form file), checks
/// the file with the same handler the page uses and redirects to its preview; GET /imports/residents/{id}/report.csv
/// streams the verdicts. A file over <see cref="MaxFileBytes"/> is refused before it is read.
/// </summary>
internal static class ResidentImportEndpoints
{
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>The request may be a little larger than the file: the multipart envelope and the antiforgery field.</summary>
    private const long MaxRequestBytes = MaxFileBytes + 1024 * 1024;

    public static void MapResidentImportEndpoints(this WebApplication app)
    {
        app.MapPost("/imports/residents", async Task<IResult> (
                [FromForm(Name = "file")] IFormFile? file, HttpContext context, ResidentImportCommands commands, CancellationToken ct) =>
            {
                EnterUser(context);
                if (file is null || file.Length == 0)
                {
                    return Results.LocalRedirect("/imports/residents?problem=no-file");
                }
                if (file.Length > MaxFileBytes)
                {
                    return Results.LocalRedirect("/imports/residents?problem=too-large");
                }
                await using var stream = file.OpenReadStream();
                var id = await commands.CheckAsync(stream, file.FileName, ct);
                return Results.LocalRedirect($"/imports/residents/{id}");
            })
            .RequirePermission(Operation.ImportResidents)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes);

        app.MapGet("/imports/residents/{id:guid}/report.csv", async Task<IResult> (Guid id, HttpContext context, ResidentImportCommands commands) =>
            {
                EnterUser(context);
                if (await commands.SummaryAsync(id) is not { } summary)
                {
                    return Results.NotFound();
                }
                var name = Path.GetFileNameWithoutExtension(summary.FileName) + "-导入检查结果.csv";
                return Results.Stream(stream => commands.WriteReportAsync(id, stream, context.RequestAborted), "text/csv; charset=utf-8", name);
            })
            .RequirePermission(Operation.ImportResidents);
    }

    /// <summary>The handlers read the user from the authentication state, which a plain request must be given (a page's prerender is given it by Blazor).</summary>
    private static void EnterUser(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }
    }
}
