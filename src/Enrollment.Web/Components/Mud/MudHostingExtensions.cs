using MudBlazor;
using MudBlazor.Services;

namespace Enrollment.Web.Components.Mud;

internal static class MudHostingExtensions
{
    /// <summary>MudBlazor's services, its strings in Chinese, and outcome messages (snackbars) where a clerk sees them.</summary>
    public static IServiceCollection AddEnrollmentMud(this IServiceCollection services)
    {
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            o.SnackbarConfiguration.PreventDuplicates = false;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
            o.SnackbarConfiguration.ShowCloseIcon = true;
        });
        services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        return services;
    }
}
