using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enrollment.Web.Tests.Users;

/// <summary>
/// A bUnit session for the user-management pages: <see cref="ComponentSession"/> plus the app's own Identity
/// pieces (password rules, Chinese messages, hasher), which the account handlers build their user manager from.
/// They are stateless, so the app's instances serve the test renderer as they are.
/// </summary>
internal static class UserComponentSession
{
    public static async Task<ComponentSession> StartAsync(UsersApp app, WorldUser user)
    {
        var session = await ComponentSession.StartAsync(app, user.Login);
        var services = session.Context.Services;
        await using var scope = app.Services.CreateAsyncScope();
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
        return session;
    }
}
