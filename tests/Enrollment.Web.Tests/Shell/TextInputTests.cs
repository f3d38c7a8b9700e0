using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Tests.Shell;

/// <summary>Free text as a clerk types it, and what a tampered or garbled input must never put in the database.</summary>
public sealed class TextInputTests
{
    [Theory]
    [InlineData("  王小明 ", "王小明")]
    [InlineData("阿依古丽·买买提", "阿依古丽·买买提")]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    public void Ordinary_text_is_trimmed_and_normalised(string typed, string stored)
    {
        var read = TextInput.Read(typed, "姓名", 50, required: true);

        read.IsOk.ShouldBeTrue(read.Problem);
        read.Value.ShouldBe(stored);
    }

    [Theory]
    [InlineData("王\u0000明", "不可见或控制字符")]
    [InlineData("王\u0007明", "不可见或控制字符")]
    [InlineData("\u202E明小王", "不可见或控制字符")]
    [InlineData("王\u200B明", "不可见或控制字符")]
    [InlineData("王\uFFFD明", "不可见或控制字符")]
    [InlineData("王\n明", "不可见或控制字符")]
    public void Characters_nobody_types_are_refused_with_a_Chinese_reason(string typed, string reason)
    {
        var read = TextInput.Read(typed, "姓名", 50, required: true);

        read.IsOk.ShouldBeFalse();
        read.Problem!.ShouldStartWith("姓名");
        read.Problem.ShouldContain(reason);
        read.Value.ShouldBeNull();
    }

    [Fact]
    public void A_lone_surrogate_is_text_nobody_typed()
    {
        // Built here: attribute data cannot carry a lone surrogate (it arrives as U+FFFD).
        foreach (var garbled in new[] { new string(['王', (char)0xD800, '明']), new string(['王', (char)0xDC00]) })
        {
            TextInput.Read(garbled, "姓名", 50).Problem.ShouldBe("姓名含有无法识别的字符（可能是复制时带入的乱码），请删除后重新输入。");
        }
    }

    [Fact]
    public void Length_and_emptiness_are_checked_after_trimming()
    {
        TextInput.Read(new string('长', 10_000), "住址", 200).Problem.ShouldBe("住址不能超过 200 个字符（现有 10000 个）。");
        TextInput.Read("   ", "姓名", 50, required: true).Problem.ShouldBe("请填写姓名。");
        TextInput.Read("   ", "备注", 50).ShouldBe(TextResult.Ok(null));
    }
}
