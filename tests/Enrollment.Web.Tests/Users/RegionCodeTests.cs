using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Users;

/// <summary>A county's 行政区划代码: six digits, a province that exists in front, a county (not a province) behind.</summary>
public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("370481", "370481")]
    [InlineData(" 450722 ", "450722")]
    [InlineData("１１０１０１", "110101")]
    [InlineData("820001", "820001")]
    public void A_county_code_is_stored_as_six_ascii_digits(string typed, string stored) =>
        RegionCodes.Read(typed).Value.ShouldBe(stored);

    [Fact]
    public void No_code_is_allowed_the_field_is_optional() => RegionCodes.Read("  ").IsOk.ShouldBeTrue();

    [Theory]
    [InlineData("000000")]
    [InlineData("100000")]
    [InlineData("990123")]
    [InlineData("830101")]
    [InlineData("370000")]
    public void A_code_no_county_has_is_refused(string typed) =>
        RegionCodes.Read(typed).Problem.ShouldBe(RegionCodes.PlausibleMessage);

    [Theory]
    [InlineData("37048")]
    [InlineData("3704810")]
    [InlineData("37048a")]
    [InlineData("370\u0000481")]
    [InlineData("23 OR 1=1")]
    public void What_is_not_six_digits_is_refused_as_such(string typed) =>
        RegionCodes.Read(typed).Problem.ShouldBe(RegionCodes.ShapeMessage);
}
