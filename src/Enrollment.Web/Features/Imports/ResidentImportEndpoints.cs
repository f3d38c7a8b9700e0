using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.Imports;

/// <summary>
/// The uploads and the reports of the imports as plain HTTP, not through the circuit (a SignalR message is no way to
/// carry 50 MB): POST /imports/residents takes the page's multipart form (antiforgery checked because it binds a form
/// file), checks the file with the same handler the page uses and redirects to its preview;
/// GET /imports/residents/{id}/report.csv streams the verdicts. A file over <see cref="MaxFileBytes"/> is refused
/// before it is read. The payment file's page maps the same two routes under /imports/payments.
/// </summary>
internal static class ResidentImportEndpoints
{
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>The request may be a little larger than the file: the multipart envelope and the antiforgery field.</summary>
    private const long MaxRequestBytes = MaxFileBytes + 1024 * 1024;

    public static void MapResidentImportEndpoints(this WebApplication app)
    {
        app.MapUpload<ResidentImportCommands>("/imports/residents", Operation.ImportResidents,
            (commands, stream, name, _, ct) => commands.CheckAsync(stream, name, ct));
        app.MapReport<ResidentImportCommands>("/imports/residents", Operation.ImportResidents,
            (commands, id) => commands.SummaryAsync(id), (commands, id, stream, ct) => commands.WriteReportAsync(id, stream, ct));
    }

    /// <summary>
    /// POST {path}: the page's multipart form (antiforgery checked because it binds a form file); <paramref name="check"/>
    /// gets the file, its name and the form's other fields, and the answer redirects to the check's preview.
    /// </summary>
    public static void MapUpload<TCommands>(
        this WebApplication app, string path, Operation operation, Func<TCommands, Stream, string, IFormCollection, CancellationToken, Task<Guid>> check)
        where TCommands : notnull
    {
        app.MapPost(path, async Task<IResult> (
                [FromForm(Name = "file")] IFormFile? file, HttpContext context, TCommands commands, CancellationToken ct) =>
            {
                EnterUser(context);
                if (file is null || file.Length == 0)
                {
                    return Results.LocalRedirect(path + "?problem=no-file");
                }
                if (file.Length > MaxFileBytes)
                {
                    return Results.LocalRedirect(path + "?problem=too-large");
                }
                await using var stream = file.OpenReadStream();
                var id = await check(commands, stream, file.FileName, context.Request.Form, ct);
                return Results.LocalRedirect($"{path}/{id}");
            })
            .RequirePermission(operation)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes);
    }

    /// <summary>GET {path}/{id}/report.csv: the verdicts of the user's own check as CSV (UTF-8 with BOM), else 404.</summary>
    public static void MapReport<TCommands>(
        this WebApplication app, string path, Operation operation, Func<TCommands, Guid, Task<ImportSummary?>> summary,
        Func<TCommands, Guid, Stream, CancellationToken, Task<bool>> write)
        where TCommands : notnull
    {
        app.MapGet(path + "/{id:guid}/report.csv", async Task<IResult> (Guid id, HttpContext context, TCommands commands) =>
            {
                EnterUser(context);
                if (await summary(commands, id) is not { } found)
                {
                    return Results.NotFound();
                }
                var name = Path.GetFileNameWithoutExtension(found.FileName) + "-导入检查结果.csv";
                return Results.Stream(stream => write(commands, id, stream, context.RequestAborted), "text/csv; charset=utf-8", name);
            })
            .RequirePermission(operation);
    }

    /// <summary>The handlers read the user from the authentication state, which a plain request must be given (a page's prerender is given it by Blazor).</summary>
    public static void EnterUser(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }
    }
}
