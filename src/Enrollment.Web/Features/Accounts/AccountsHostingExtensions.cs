using Enrollment.Data.Entities;
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
            .AddPasswordValidator<NotTheLoginPasswordValidator>();
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
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.CountyAdmin, p => p.RequireRole(nameof(UserRole.BureauAdmin)))
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(nameof(UserRole.SystemAdmin)))
            .AddPolicy(Policies.UserAdmin, p => p.RequireRole(nameof(UserRole.SystemAdmin), nameof(UserRole.BureauAdmin)))
            .AddPolicy(Policies.ResidentReader, p => p.RequireRole(
                nameof(UserRole.BureauAdmin), nameof(UserRole.BureauStaff), nameof(UserRole.TownshipStaff), nameof(UserRole.VillageStaff)))
            .AddPolicy(Policies.Registrar, p => p.RequireRole(
                nameof(UserRole.BureauAdmin), nameof(UserRole.BureauStaff), nameof(UserRole.TownshipStaff), nameof(UserRole.VillageStaff)))
            .AddPolicy(Policies.TransferApprover, p => p.RequireRole(
                nameof(UserRole.BureauAdmin), nameof(UserRole.BureauStaff), nameof(UserRole.TownshipStaff)));
        services.AddCascadingAuthenticationState();
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

/// <summary>Authorization policy names.</summary>
internal static class Policies
{
    public const string SystemAdmin = "system-admin";
    public const string CountyAdmin = "county-admin";
    public const string UserAdmin = "user-admin";
    public const string ResidentReader = "resident-reader";

    /// <summary>Registers residents and requests transfers into their subtree (登记参保人员, 转移申请).</summary>
    public const string Registrar = "registrar";

    /// <summary>Approves or rejects transfers out of their subtree: township clerks and county users, not village collectors.</summary>
    public const string TransferApprover = "transfer-approver";
}

/// <summary>A password must not be the login itself (the first thing people try).</summary>
internal sealed class NotTheLoginPasswordValidator : IPasswordValidator<UserAccount>
{
    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password) =>
        Task.FromResult(password is not null && password.Contains(user.Login, StringComparison.OrdinalIgnoreCase) && user.Login.Length > 0
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordContainsLogin", Description = "密码不能包含登录名。" })
            : IdentityResult.Success);
}
