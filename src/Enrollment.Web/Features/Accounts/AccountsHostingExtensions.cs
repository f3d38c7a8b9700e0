using Enrollment.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Enrollment.Web.Features.Accounts;

internal static class AccountsHostingExtensions
{
    /// <summary>Identity on our user store, the sign-in cookie and the role policies.</summary>
    public static WebApplicationBuilder AddEnrollmentAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IUserStore<UserAccount>, UserAccountStore>();
        services.AddIdentityCore<UserAccount>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<UserAccountClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordRules>();
        services.AddSingleton<ILookupNormalizer, LoginNormalizer>();

        // Cookie and antiforgery keys: kept where the setting says, so sign-ins survive a restart and several
        // instances behind one address share them.
        var dataProtection = services.AddDataProtection().SetApplicationName("Enrollment");
        if (builder.Configuration["Enrollment:DataProtectionKeysPath"] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "enrollment.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Behind TLS (production) the sign-in cookie never travels over plain http.
            o.Cookie.SecurePolicy = builder.Configuration.GetValue<bool>("Enrollment:Https") ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            // A page outside the user's role answers 404, like a record outside their scope: never reveal it exists.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
            // Idle sign-out: the cookie lives 30 minutes from the last request.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.ReturnUrlParameter = "returnUrl";
            // Every request checks the security stamp: a cookie saved before a sign-out fails on its next use.
            o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            o.Events.OnRedirectToLogin = SessionValidation.RedirectToSignInAsync;
        });
        // One policy per operation, each requiring the roles the permission table gives it, and for the county's
        // configuration as a whole a user not bound to part of the county.
        var authorization = services.AddAuthorizationBuilder();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            authorization.AddPolicy(Permissions.PolicyOf(operation), p =>
            {
                p.RequireRole([.. Permissions.RolesFor(operation).Select(r => r.ToString())]);
                if (Permissions.ScopeOf(operation) == OperationScope.County)
                {
                    p.RequireAssertion(c => c.User.JurisdictionIdOf() is null);
                }
            });
        }
        services.AddCascadingAuthenticationState();
        services.Configure<SessionOptions>(builder.Configuration.GetSection("Enrollment:Session"));
        services.AddScoped<CircuitActivity>();
        services.AddScoped<AuthenticationStateProvider, CircuitAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<UserDbContextFactory>();
        services.AddScoped<SignInAudit>();
        return builder;
    }

    /// <summary>Authentication, then the user's tenant scope, then the forced password change, then authorization.</summary>
    public static WebApplication UseEnrollmentAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<TenantScopeMiddleware>();
        app.UseMiddleware<ForcedPasswordChangeMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
