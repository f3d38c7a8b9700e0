using System.Globalization;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>How the editor writes values into its text fields (invariant, so they read back the same).</summary>
internal static class FormText
{
    public static string? Of(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Of(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Of(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An element id for a policy path, e.g. subsidies[3].share → f-subsidies-3-share (error summary links).</summary>
    public static string IdOf(string path) =>
        "f-" + new string([.. path.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Replace("--", "-", StringComparison.Ordinal).TrimEnd('-');
}
