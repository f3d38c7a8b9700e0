using System.Text.Encodings.Web;
using System.Text.Unicode;
using Enrollment.Web.Components;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Errors;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Features.Transfers;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.WebUtilities;

namespace Enrollment.Web.Hosting;

internal static class WebHostingExtensions
{
    public static WebApplicationBuilder AddEnrollmentWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        // Without this every Chinese character is written as &#x…; and pages triple in size.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddBusinessClock(builder.Configuration);
        builder.Services.AddExceptionHandler<CorrelatedExceptionLogger>();
        builder.Services.AddHttpContextAccessor();
        builder.AddEnrollmentAccounts();
        builder.Services.AddCampaigns();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<Features.Progress.ProgressCache>();
        return builder;
    }

    public static WebApplication UseEnrollmentWeb(this WebApplication app)
    {
        // Errors re-execute into /status/{code}: a minimal-API endpoint, so a failed antiforgery check on the
        // original form post cannot fail again while the error page renders.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/status/500", CreateScopeForErrors = true });
        // A fresh scope for the status page: the failed component render has used up this scope's NavigationManager.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseEnrollmentAccounts();
        app.UseAntiforgery();
        app.UseAntiforgeryFailurePage();
        return app;
    }

    public static WebApplication MapEnrollmentEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapStatusPages();
        app.MapAccountEndpoints();
        app.MapCampaignEndpoints();
        app.MapRegistrationEndpoints();
        app.MapTransferEndpoints();
        if (app.Configuration.GetValue<bool>("Diagnostics:EnableThrowEndpoint"))
        {
            // Lets tests prove the 500 page and its correlation id; off unless configured.
            app.MapGet("/diagnostics/throw", IResult () => throw new InvalidOperationException("Deliberate failure for the error page test."));
        }
        app.MapRazorComponents<App>();
        return app;
    }
}
