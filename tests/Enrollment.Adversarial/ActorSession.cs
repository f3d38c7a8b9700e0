using System.Security.Claims;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Adversarial;

/// <summary>
/// One actor's services as a circuit has them: a <see cref="UserSession"/> for an account, or a scope whose
/// authentication state is nobody's (a circuit opened on the sign-in page). Handlers are resolved from it and called
/// the way a page calls them.
/// </summary>
public sealed class ActorSession : IAsyncDisposable
{
    private readonly UserSession? user;
    private readonly AsyncServiceScope? anonymous;

    private ActorSession(UserSession? user, AsyncServiceScope? anonymous)
    {
        this.user = user;
        this.anonymous = anonymous;
    }

    public IServiceProvider Services => user?.Services ?? anonymous!.Value.ServiceProvider;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ActorSession> StartAsync(DemoApp app, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.SignedIn)
        {
            return new ActorSession(await app.SessionAsync(actor.Login), null);
        }
        var scope = app.Services.CreateAsyncScope();
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        return new ActorSession(null, scope);
    }

    public async ValueTask DisposeAsync()
    {
        if (user is not null)
        {
            await user.DisposeAsync();
        }
        if (anonymous is { } scope)
        {
            await scope.DisposeAsync();
        }
    }
}
