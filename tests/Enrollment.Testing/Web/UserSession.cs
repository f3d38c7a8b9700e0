using System.Security.Claims;
using Enrollment.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Testing.Web;

/// <summary>
/// One signed-in user's services, as a circuit has them: a DI scope of the real app whose authentication state is the
/// user's (the principal the app's sign-in builds). Handler tests resolve the page's queries and commands from it and
/// call them as the page would — the same permission checks, the same tenant and subtree walls.
/// </summary>
public sealed class UserSession : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;

    private UserSession(AsyncServiceScope scope, ClaimsPrincipal principal)
    {
        this.scope = scope;
        Principal = principal;
    }

    public ClaimsPrincipal Principal { get; }

    public IServiceProvider Services => scope.ServiceProvider;

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>A session of the account with this login, signed in as the app would sign it in.</summary>
    public static async Task<UserSession> StartAsync(WebApplicationFactory<Program> app, string login)
    {
        ArgumentNullException.ThrowIfNull(app);
        var principal = await PrincipalOfAsync(app.Services, login);
        var scope = app.Services.CreateAsyncScope();
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return new UserSession(scope, principal);
    }

    /// <summary>The principal the sign-in cookie would carry for <paramref name="login"/> (role, tenant, scope, stamp).</summary>
    public static async Task<ClaimsPrincipal> PrincipalOfAsync(IServiceProvider services, string login)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = await users.FindByNameAsync(login) ?? throw new InvalidOperationException($"No account '{login}'.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<UserAccount>>().CreateAsync(user);
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

public static class UserSessionExtensions
{
    /// <summary>Starts a <see cref="UserSession"/> for the demo (or test) account <paramref name="login"/>.</summary>
    public static Task<UserSession> SessionAsync(this WebApplicationFactory<Program> app, string login) => UserSession.StartAsync(app, login);
}
