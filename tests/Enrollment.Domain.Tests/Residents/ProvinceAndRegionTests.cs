using Enrollment.Domain.Errors;
using Enrollment.Domain.Residents;
using Shouldly;

namespace Enrollment.Domain.Tests.Residents;

public class ProvinceAndRegionTests
{
    /// <summary>A well-formed number (right check character) with the given 6-digit region.</summary>
    private static string Number(string region, string rest = "19820409201")
    {
        var first17 = region + rest;
        return first17 + CitizenId.ComputeCheckCharacter(first17);
    }

    [Theory]
    [InlineData("999999", 99)]
    [InlineData("000000", 0)]
    [InlineData("160101", 16)]
    [InlineData("240101", 24)]
    [InlineData("720101", 72)]
    [InlineData("840000", 84)]
    [InlineData("910101", 91)]
    public void A_number_outside_every_province_is_refused_with_its_first_two_digits(string region, int expected)
    {
        CitizenId.TryParse(Number(region), out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(DomainErrorCode.IdUnknownProvince);
        error.Number.ShouldBe(expected);
        error.ToChinese().ShouldBe($"身份证号码前两位“{expected:D2}”不是有效的省级行政区划代码");
    }

    [Theory]
    [InlineData("110105")]
    [InlineData("370481")]
    [InlineData("650102")]
    [InlineData("710000")]
    [InlineData("810000")]
    [InlineData("820000")]
    [InlineData("830000")]
    [InlineData("933700")]
    public void Provinces_residence_permits_and_permanent_residence_numbers_are_accepted(string region)
    {
        CitizenId.TryParse(Number(region), out var id, out _).ShouldBeTrue();
        id.RegionCode.ToString("D6", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(region);
    }

    [Fact]
    public void A_legacy_15_digit_number_is_checked_too()
    {
        CitizenId.TryParse("990105491231002", out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(DomainErrorCode.IdUnknownProvince);
    }

    [Fact]
    public void A_region_outside_the_county_is_a_warning_naming_both_codes()
    {
        var id = CitizenId.Parse(Number("320311"));
        RegionNotice.OutsideCounty(id, "370481").ShouldBe("身份证号码的地区代码 320311 不是本县（370481），请核对号码；外地出生的居民可照常登记。");
        RegionNotice.OutsideCounty(CitizenId.Parse(Number("370481")), "370481").ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3704")]
    [InlineData("37048x")]
    public void Without_a_county_code_there_is_nothing_to_warn_about(string? county) =>
        RegionNotice.OutsideCounty(CitizenId.Parse(Number("320311")), county).ShouldBeNull();
}
