using Enrollment.Web.Hosting;

namespace Enrollment.Web.Tests.Shell;

public sealed class BusinessClockTests
{
    [Fact]
    public void Unpinned_clock_follows_the_system_in_China_time()
    {
        var clock = new BusinessClock(null);
        var expected = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, clock.LocalTimeZone).DateTime);

        clock.Today().ShouldBe(expected);
        clock.LocalTimeZone.BaseUtcOffset.ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void Pinned_clock_keeps_the_date_and_moves_the_time()
    {
        var clock = new BusinessClock(new DateOnly(2019, 12, 20));

        clock.Today().ShouldBe(new DateOnly(2019, 12, 20));
        clock.GetLocalNow().Offset.ShouldBe(TimeSpan.FromHours(8));
    }

    [Theory]
    [InlineData("2024-11-20", 2024, 11, 20)]
    [InlineData(" 2020-02-29 ", 2020, 2, 29)]
    public void Parses_the_setting(string value, int year, int month, int day) =>
        BusinessClock.ParsePinnedDate(value).ShouldBe(new DateOnly(year, month, day));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Empty_setting_means_not_pinned(string? value) => BusinessClock.ParsePinnedDate(value).ShouldBeNull();

    [Theory]
    [InlineData("2024/11/20")]
    [InlineData("2019-02-29")]
    public void Rejects_a_malformed_setting(string value) =>
        Should.Throw<InvalidOperationException>(() => BusinessClock.ParsePinnedDate(value)).Message.ShouldContain("yyyy-MM-dd");
}
