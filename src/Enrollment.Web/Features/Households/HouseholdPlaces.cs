namespace Enrollment.Web.Features.Households;

/// <summary>Where a household lies, read from its village's materialized path (/county/township/…/village/).</summary>
internal static class HouseholdPlaces
{
    /// <summary>The township's path (<c>/1/5/</c>) above a village's (<c>/1/5/23/</c>); null above township level.</summary>
    public static string? TownshipPath(string villagePath)
    {
        var parts = villagePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 ? $"/{parts[0]}/{parts[1]}/" : null;
    }

    public static bool SameTownship(string villagePath, string otherVillagePath) =>
        TownshipPath(villagePath) is { } township && township == TownshipPath(otherVillagePath);
}
