using System.Text.Encodings.Web;
using System.Text.Unicode;
using Enrollment.Web.Components;
using Enrollment.Web.Components.Mud;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Api;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Errors;
using Enrollment.Web.Features.HandoverSheets;
using Enrollment.Web.Features.Imports;
using Enrollment.Web.Features.Refunds;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Features.ResidentLists;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.WebUtilities;

namespace Enrollment.Web.Hosting;

internal static class WebHostingExtensions
{
    public static WebApplicationBuilder AddEnrollmentWeb(this WebApplicationBuilder builder)
    {
        // Interactive Server rendering for the working pages (docs/decisions/0007); sign-in, status pages, print
        // views and downloads stay static.
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(o =>
            {
                // A phone that sleeps for a few minutes comes back to its circuit, typed input intact.
                o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(5);
                o.DetailedErrors = builder.Environment.IsDevelopment();
            });
        builder.Services.AddEnrollmentMud();
        builder.AddSecurityHeaders();
        // Without this every Chinese character is written as &#x…; and pages triple in size.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddBusinessClock(builder.Configuration);
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddExceptionHandler<CorrelatedExceptionLogger>();
        builder.Services.AddHttpContextAccessor();
        builder.AddEnrollmentAccounts();
        builder.AddEnrollmentApi();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<Features.Progress.ProgressCache>();
        builder.Services.AddHostedService<Features.Progress.ProgressCompaction>();
        builder.Services.AddEnrollmentFeatures();
        builder.Services.Configure<IdLookupOptions>(builder.Configuration.GetSection(IdLookupOptions.Section));
        builder.Services.Configure<Features.Campaigns.PolicyEdit.RequoteOptions>(
            builder.Configuration.GetSection(Features.Campaigns.PolicyEdit.RequoteOptions.Section));
        return builder;
    }

    public static WebApplication UseEnrollmentWeb(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // Errors re-execute into /status/{code}: a minimal-API endpoint, so a failed antiforgery check on the
        // original form post cannot fail again while the error page renders.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/status/500", CreateScopeForErrors = true });
        // A fresh scope for the status page: the failed component render has used up this scope's NavigationManager.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(o =>
        {
            // The UI speaks Chinese whatever the browser asks for: dates, numbers and MudBlazor's own strings.
            string[] cultures = ["zh-CN"];
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders.Clear();
        });
        app.UseStaticFiles();
        app.UseEnrollmentAccounts();
        app.UseUnreadableFormPage();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseAntiforgeryFailurePage();
        return app;
    }

    public static WebApplication MapEnrollmentEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapStatusPages();
        app.MapAccountEndpoints();
        app.MapCampaignEndpoints();
        app.MapRosterExports();
        app.MapResidentImportEndpoints();
        app.MapHandoverExport();
        app.MapRefundExport();
        app.MapPaymentImportEndpoints();
        app.MapApiEndpoints();
        if (app.Configuration.GetValue<bool>("Diagnostics:EnableThrowEndpoint"))
        {
            // Lets tests prove the 500 page and its correlation id; off unless configured.
            app.MapGet("/diagnostics/throw", IResult () => throw new InvalidOperationException("Deliberate failure for the error page test."))
                .AllowAnonymous();
        }
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
