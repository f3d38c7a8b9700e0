using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Tests.Shell;

/// <summary>Free text as a clerk types it, and what a tampered or garbled input must never put in the database.</summary>
public sealed class TextInputTests
{
    [Theory]
    [InlineData("  王小明 ", "王小明")]
    [InlineData("阿依古丽·买买提", "阿依古丽·买买提")]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("误报，已核实：（未迁入）", "误报，已核实：（未迁入）")]
    [InlineData("100㎡ ①号楼", "100㎡ ①号楼")]
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

    [Theory]
    [InlineData("%FF%FE%FD")]
    [InlineData("王%E7%8E%8B")]
    public void Undecoded_percent_escapes_are_garbled_text(string typed) =>
        TextInput.Read(typed, "住址", 200).Problem.ShouldBe("住址含有“%FF”一类的编码乱码（可能是从网址中复制的），请删除后重新输入。");

    [Fact]
    public void A_box_of_several_lines_keeps_its_line_breaks_and_refuses_the_rest()
    {
        TextInput.ReadLines("第一行\r\n第二行\r第三行", "说明", 200).Value.ShouldBe("第一行\n第二行\n第三行");
        TextInput.Read("第一行\n第二行", "说明", 200).IsOk.ShouldBeFalse();
        TextInput.ReadLines("第一行\n\u202E第二行", "说明", 200).Problem.ShouldBe("说明含有不可见或控制字符，请删除后重新输入。");
    }

    [Theory]
    [InlineData("王小明", true)]
    [InlineData("阿依古丽·买买提", true)]
    [InlineData("John O'Neil-Smith", true)]
    [InlineData("王小明2", false)]
    [InlineData("23 OR 1=1", false)]
    [InlineData("王😀明", false)]
    [InlineData("１２３４５６", false)]
    public void A_persons_name_is_letters_marks_and_the_separator_dot(string typed, bool valid)
    {
        var read = TextInput.Name(typed, "姓名", 50, required: true);

        read.IsOk.ShouldBe(valid, read.Problem);
        if (!valid)
        {
            read.Problem.ShouldBe("姓名只能由文字组成（少数民族姓名可用间隔号“·”），不能含数字、符号或表情。");
        }
    }
}
