using Microsoft.AspNetCore.HttpOverrides;

namespace Enrollment.Web.Hosting;

/// <summary>
/// Headers every response carries, and the settings for running behind a TLS proxy (nginx on the same host).
/// The content security policy allows only this site's own scripts (no inline script, no eval: Blazor Server and
/// MudBlazor need neither), inline styles (MudBlazor's theme and components set them), and no framing at all.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Behind a proxy: the scheme and client address come from X-Forwarded-Proto/For, trusted from loopback (the
    /// proxy on this host) and the addresses in <c>Enrollment:Proxy:KnownProxies</c>. With <c>Enrollment:Https</c> true
    /// (production behind TLS) cookies are Secure only and HSTS is sent.
    /// </summary>
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Enrollment:Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddAntiforgery(o =>
        {
            // X-Frame-Options is sent on every response below, not only where a form is rendered.
            o.SuppressXFrameOptionsHeader = true;
            if (builder.Configuration.GetValue<bool>("Enrollment:Https"))
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Configuration.GetValue<bool>("Enrollment:Https"))
        {
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            // At the response's start, so an error page (the exception handler clears the headers) carries them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
