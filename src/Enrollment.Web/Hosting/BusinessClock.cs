using System.Globalization;

namespace Enrollment.Web.Hosting;

/// <summary>
/// "Today" for the whole app. Everything reads time through <see cref="TimeProvider"/>; the setting
/// <c>Enrollment:BusinessDate</c> (yyyy-MM-dd) pins the calendar date so a demo or a test can stand inside a
/// past collection window, while the time of day keeps moving. Dates are China Standard Time.
/// </summary>
internal sealed class BusinessClock(DateOnly? pinnedDate) : TimeProvider
{
    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public DateOnly? PinnedDate { get; } = pinnedDate;

    public override TimeZoneInfo LocalTimeZone => ChinaTime;

    public override DateTimeOffset GetUtcNow()
    {
        var now = TimeProvider.System.GetUtcNow();
        if (PinnedDate is not { } date)
        {
            return now;
        }
        var local = TimeZoneInfo.ConvertTime(now, ChinaTime);
        var pinned = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), local.Offset);
        return pinned.ToUniversalTime();
    }

    public static DateOnly? ParsePinnedDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidOperationException($"Enrollment:BusinessDate must be yyyy-MM-dd, not '{value}'.");
    }
}

internal static class BusinessClockExtensions
{
    public static IServiceCollection AddBusinessClock(this IServiceCollection services, IConfiguration configuration)
    {
        var pinned = BusinessClock.ParsePinnedDate(configuration["Enrollment:BusinessDate"]);
        services.AddSingleton<TimeProvider>(new BusinessClock(pinned));
        return services;
    }

    /// <summary>Today's date in China Standard Time, as the business sees it.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
