using Enrollment.Domain.Residents;
using Shouldly;

namespace Enrollment.Domain.Tests.Residents;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("13912345678", "13912345678")]
    [InlineData(" 139 1234 5678 ", "13912345678")]
    [InlineData("139-1234-5678", "13912345678")]
    [InlineData("+86 13912345678", "13912345678")]
    [InlineData("+8613912345678", "13912345678")]
    [InlineData("１３９１２３４５６７８", "13912345678")]
    [InlineData("0632-5512345", "0632-5512345")]
    [InlineData("06325512345", "0632-5512345")]
    [InlineData("0632 55123456", "0632-55123456")]
    [InlineData("010-62345678", "010-62345678")]
    [InlineData("01062345678", "010-62345678")]
    [InlineData("0632-5512345-801", "0632-5512345-801")]
    public void Mobiles_and_landlines_with_area_code_are_accepted_in_their_normal_form(string typed, string normal)
    {
        PhoneNumber.TryNormalize(typed, out var normalized, out var reason).ShouldBeTrue(reason);
        normalized.ShouldBe(normal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_phone_is_fine(string? typed)
    {
        PhoneNumber.TryNormalize(typed, out var normalized, out var reason).ShouldBeTrue();
        normalized.ShouldBeNull();
        reason.ShouldBeNull();
    }

    [Theory]
    [InlineData("1391234567", "手机号码应为 11 位，实际为 10 位。")]
    [InlineData("12912345678", "手机号码第二位应为 3–9。")]
    [InlineData("2391234567", "请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。")]
    [InlineData("5512345", "请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。")]
    [InlineData("139123456789", "请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。")]
    [InlineData("139abc45678", "联系电话含有“a”，只能填写数字（座机可用“-”分隔区号）。")]
    [InlineData("0632", "座机号码缺少电话号码部分。")]
    [InlineData("06-5512345", "座机号码的区号应为 3–4 位（0 开头）。")]
    [InlineData("0632-551234", "座机号码（区号之后）应为 7–8 位，且不以 0 或 1 开头。")]
    [InlineData("0632-0551234", "座机号码（区号之后）应为 7–8 位，且不以 0 或 1 开头。")]
    [InlineData("0632-5512345-1234567", "分机号最多 6 位。")]
    [InlineData("+1 4155550100", "联系电话只能是中国大陆的手机号码或座机号码。")]
    [InlineData("1391234567890123456789012", "联系电话过长（最多 24 个字符）。")]
    public void Anything_else_is_refused_with_its_reason(string typed, string expected)
    {
        PhoneNumber.TryNormalize(typed, out var normalized, out var reason).ShouldBeFalse();
        normalized.ShouldBeNull();
        reason.ShouldBe(expected);
    }
}
