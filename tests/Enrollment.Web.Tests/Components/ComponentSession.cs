using System.Security.Claims;
using Bunit;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Mud;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Progress;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enrollment.Web.Tests.Components;

/// <summary>
/// bUnit with the app's real services on the app's test database, as one signed-in user: a component renders with the
/// same handlers, queries and walls it has in a circuit. MudBlazor's JavaScript is answered loosely (bUnit has no
/// browser); what needs a browser is tested in Chromium.
/// </summary>
public sealed class ComponentSession : IAsyncDisposable
{
    private ComponentSession(BunitContext context) => Context = context;

    public BunitContext Context { get; }

    public static async Task<ComponentSession> StartAsync(EnrollmentAppFactory app, string? login)
    {
        // bUnit waits one second by default: too short when another build shares the machine's two cores.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddEnrollmentData(new EnrollmentDataOptions
        {
            AppConnectionString = TestPostgres.AppConnectionStringFor(app.DatabaseName),
            IdHashKey = TestKeys.IdHashKey,
        });
        // The app's clock (the demo's pinned business date) and settings.
        services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        services.AddSingleton(app.Services.GetRequiredService<IOptions<SessionOptions>>());
        services.AddSingleton(app.Services.GetRequiredService<IOptions<IdLookupOptions>>());
        AddIdentityPieces(services, app.Services);
        services.AddMemoryCache();
        services.AddEnrollmentMud();
        services.AddScoped<ProgressCache>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<UserDbContextFactory>();
        services.AddEnrollmentFeatures();

        var authorization = context.AddAuthorization();
        if (login is not null)
        {
            var principal = await UserSession.PrincipalOfAsync(app.Services, login);
            authorization.SetAuthorized(principal.Identity!.Name!);
            if (principal.RoleOf() is { } role)
            {
                authorization.SetRoles(role.ToString());
                authorization.SetPolicies([.. Enum.GetValues<Operation>().Where(o => Permissions.Allows(role, o)).Select(Permissions.PolicyOf)]);
            }
            // Last: bUnit rebuilds the principal on each call and keeps the claims set most recently.
            authorization.SetClaims([.. principal.Claims.Where(c => c.Type is not (ClaimTypes.Name or ClaimTypes.Role))]);
        }
        return new ComponentSession(context);
    }

    /// <summary>
    /// The app's own Identity pieces (password rules, Chinese messages, hasher) that the account handlers build their
    /// user manager from. They are stateless, so the app's instances serve the test renderer as they are.
    /// </summary>
    private static void AddIdentityPieces(IServiceCollection services, IServiceProvider app)
    {
        using var scope = app.CreateScope();
        var identity = scope.ServiceProvider;
        services.AddSingleton(identity.GetRequiredService<IOptions<IdentityOptions>>());
        services.AddSingleton(identity.GetRequiredService<IPasswordHasher<UserAccount>>());
        services.AddSingleton(identity.GetRequiredService<ILookupNormalizer>());
        services.AddSingleton(identity.GetRequiredService<IdentityErrorDescriber>());
        foreach (var validator in identity.GetServices<IUserValidator<UserAccount>>())
        {
            services.AddSingleton(validator);
        }
        foreach (var validator in identity.GetServices<IPasswordValidator<UserAccount>>())
        {
            services.AddSingleton(validator);
        }
    }

    public IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        AsInCircuit();
        return Context.Render(parameters ?? (_ => { }));
    }

    /// <summary>
    /// Renders as a circuit does: components that draw only when interactive (the charts) do so here too, instead of
    /// asking a renderer that cannot say. Set just before rendering: it fixes the services, which tests may still add.
    /// </summary>
    private void AsInCircuit() => Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> after MudBlazor's popover, dialog and snackbar providers, as the layout
    /// has them (selects, pagers, dialogs and snackbars need them). Returns the whole fragment: dialogs render there.
    /// </summary>
    public IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderInLayout<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        AsInCircuit();
        return Context.Render(builder =>
        {
            builder.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            {
                builder.AddComponentParameter(4, name, value);
            }
            builder.CloseComponent();
        });
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
