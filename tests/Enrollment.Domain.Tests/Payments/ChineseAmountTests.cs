using Enrollment.Domain.Payments;

namespace Enrollment.Domain.Tests.Payments;

/// <summary>人民币大写 as banks write it on receipts and hand-over sheets.</summary>
public sealed class ChineseAmountTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("0.56", "伍角陆分")]
    [InlineData("0.06", "陆分")]
    [InlineData("0.50", "伍角整")]
    [InlineData("1", "壹元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("400", "肆佰元整")]
    [InlineData("380.00", "叁佰捌拾元整")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元叁角贰分")]
    [InlineData("1004", "壹仟零肆元整")]
    [InlineData("1040", "壹仟零肆拾元整")]
    [InlineData("10000", "壹万元整")]
    [InlineData("100100", "壹拾万零壹佰元整")]
    [InlineData("1000100", "壹佰万零壹佰元整")]
    [InlineData("1010000", "壹佰零壹万元整")]
    [InlineData("107000.53", "壹拾万柒仟元伍角叁分")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("512120400.00", "伍亿壹仟贰佰壹拾贰万零肆佰元整")]
    [InlineData("-400", "负肆佰元整")]
    public void Amounts_are_written_as_banks_require(string amount, string expected) =>
        ChineseAmount.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void A_fraction_of_a_cent_is_not_an_amount() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ChineseAmount.Format(1.005m));
}
