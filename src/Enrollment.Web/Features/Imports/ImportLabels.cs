using Enrollment.Data.Imports;
using MudBlazor;

namespace Enrollment.Web.Features.Imports;

/// <summary>How the preview colours a verdict.</summary>
public static class ImportLabels
{
    public static Color ColorOf(ImportVerdict verdict) => verdict switch
    {
        ImportVerdict.Accepted => Color.Success,
        ImportVerdict.Unchanged => Color.Info,
        ImportVerdict.Rejected => Color.Error,
    };
}
