using Microsoft.AspNetCore.Components;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// Where an open page goes when its session has ended: the sign-in page, told why (idle or ended) and where to come
/// back to. The session watcher and the router's "not authorized" view both end up here, so whichever of them acts
/// first, the person reads the same explanation.
/// </summary>
internal static class SessionEnd
{
    public static string Reason(CircuitActivity activity) => activity.EndedForIdleness ? "idle" : "ended";

    public static string SignInAddress(NavigationManager navigation, string? reason)
    {
        var here = Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri));
        return reason is null ? $"/account/sign-in?returnUrl={here}" : $"/account/sign-in?reason={reason}&returnUrl={here}";
    }
}
