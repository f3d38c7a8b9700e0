using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Enrollment.Web.Features.Accounts;

/// <summary>Session settings a circuit enforces (configuration section <c>Enrollment:Session</c>).</summary>
public sealed class SessionOptions
{
    /// <summary>How often an open circuit re-checks its user's security stamp and idleness.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Signed out after this long without keyboard, pointer or touch input in the page.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often, at most, the page reports input (and slides the cookie) while someone works in it.</summary>
    public TimeSpan ActivityReportInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The authentication state of a circuit, revalidated every minute: a circuit lives on after its cookie was
/// issued and sends no HTTP requests, so without this a disabled, signed-out or reset user would keep working in
/// an open page. The session ends — the page turns to the sign-in page — when the account's security stamp changed
/// (sign-out, password change or reset, disabled, new role or scope) or when the user has given no input for
/// <see cref="SessionOptions.IdleTimeout"/>.
/// </summary>
internal sealed class CircuitAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    NpgsqlDataSource dataSource,
    IOptions<IdentityOptions> identity,
    IOptions<SessionOptions> session,
    CircuitActivity activity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => session.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.UserId() is not { } userId)
        {
            return true;
        }
        if (activity.IdleFor() >= session.Value.IdleTimeout)
        {
            activity.EndedForIdleness = true;
            return false;
        }
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return await SessionValidation.IsCurrentAsync(dataSource, userId, stamp, cancellationToken);
    }
}

/// <summary>
/// When the circuit's user last gave input (keyboard, pointer, touch), as reported by the page's activity script at
/// most once a minute. Scoped: one per circuit.
/// </summary>
public sealed class CircuitActivity(TimeProvider clock)
{
    private long lastInputTicks = clock.GetUtcNow().UtcTicks;

    /// <summary>Set when the session ended because of idleness (the sign-in page says why).</summary>
    public bool EndedForIdleness { get; set; }

    public void RecordInput() => Interlocked.Exchange(ref lastInputTicks, clock.GetUtcNow().UtcTicks);

    public TimeSpan IdleFor() => clock.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref lastInputTicks), TimeSpan.Zero);
}
