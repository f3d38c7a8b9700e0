using System.Globalization;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>Times and money as the sheet prints them (China Standard Time; yuan to the cent).</summary>
internal static class HandoverPrint
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string Minute(DateTimeOffset at) => at.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
