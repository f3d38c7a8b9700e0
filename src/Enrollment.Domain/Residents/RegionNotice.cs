using System.Globalization;

namespace Enrollment.Domain.Residents;

/// <summary>
/// A citizen ID's region (its first six digits) is where the number was issued, usually the place of birth. People
/// born elsewhere live in every county, so a region outside the county is a warning to check the number, never a
/// refusal.
/// </summary>
public static class RegionNotice
{
    /// <summary>The Chinese warning when <paramref name="id"/>'s region is not <paramref name="countyRegionCode"/>, else null.</summary>
    public static string? OutsideCounty(CitizenId id, string? countyRegionCode)
    {
        if (id.IsEmpty || countyRegionCode is null || countyRegionCode.Length != 6
            || !int.TryParse(countyRegionCode, NumberStyles.None, CultureInfo.InvariantCulture, out var county))
        {
            return null;
        }
        return id.RegionCode == county
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"身份证号码的地区代码 {id.RegionCode:D6} 不是本县（{countyRegionCode}），请核对号码；外地出生的居民可照常登记。");
    }
}
