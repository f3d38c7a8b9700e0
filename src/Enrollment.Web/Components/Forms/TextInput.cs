using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Enrollment.Domain.Residents;

namespace Enrollment.Web.Components.Forms;

/// <summary>
/// What free text a clerk types may hold: trimmed, in Unicode normal form C with full-width letters and digits (typed
/// with a Chinese IME) made ordinary ones, within a length, and without characters nobody types — control characters,
/// direction overrides (which make a name read differently from what is stored), the replacement character a broken
/// encoding leaves, a lone surrogate, or a percent escape of a byte no text holds on its own (%FF, %E7…: an address
/// bar's encoding that was never decoded). Every handler reads names, addresses, reasons and notes through this
/// before storing them.
/// </summary>
public static partial class TextInput
{
    /// <summary>
    /// The text to store (null when empty and <paramref name="required"/> is false), or a Chinese message naming
    /// <paramref name="label"/>.
    /// </summary>
    public static TextResult Read(string? value, string label, int maxLength, bool required = false) =>
        Read(value, label, maxLength, required, lines: false);

    /// <summary>
    /// Like <see cref="Read(string?, string, int, bool)"/> for a text box of several lines (a reason, an explanation):
    /// line breaks are kept (as \n), everything else is refused as there.
    /// </summary>
    public static TextResult ReadLines(string? value, string label, int maxLength, bool required = false) =>
        Read(value?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), label, maxLength, required, lines: true);

    /// <summary>
    /// A person's name (a resident's): text as <see cref="Read(string?, string, int, bool)"/> reads it, and only letters
    /// of any script, combining marks, the separator dot of minority and foreign names (·), spaces, hyphens and
    /// apostrophes — no digits, symbols or emoji, which no name on an ID card holds.
    /// </summary>
    public static TextResult Name(string? value, string label, int maxLength, bool required = false)
    {
        var read = Read(value, label, maxLength, required);
        return read is { IsOk: true, Value: { } name } && !PersonName.IsWellFormed(name)
            ? TextResult.Error($"{label}只能由文字组成（少数民族姓名可用间隔号“·”），不能含数字、符号或表情。")
            : read;
    }

    /// <summary>What <see cref="Read(string?, string, int, bool)"/> stores for text it accepted.</summary>
    public static string Stored(string value) => Normalized(value.Trim());

    /// <summary>
    /// Form C, and the full-width forms of ASCII letters and digits (ＡＢＣ１２３) as ASCII. Not form KC: that would also
    /// turn the full-width punctuation of Chinese text (，：（）) into ASCII, and ①, ㎡ or ² into something else.
    /// </summary>
    private static string Normalized(string text)
    {
        var composed = text.Normalize(NormalizationForm.FormC);
        return string.Create(composed.Length, composed, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' ? (char)(c - 0xFEE0) : c;
            }
        });
    }

    private static TextResult Read(string? value, string label, int maxLength, bool required, bool lines)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            return required ? TextResult.Error($"请填写{label}。") : TextResult.Ok(null);
        }
        if (!IsWellFormed(text))
        {
            return TextResult.Error($"{label}含有无法识别的字符（可能是复制时带入的乱码），请删除后重新输入。");
        }
        text = Normalized(text);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (lines && rune.Value == '\n')
            {
                continue;
            }
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || rune.Value == 0xFFFD)
            {
                return TextResult.Error($"{label}含有不可见或控制字符，请删除后重新输入。");
            }
        }
        if (PercentEscape().IsMatch(text))
        {
            return TextResult.Error($"{label}含有“%FF”一类的编码乱码（可能是从网址中复制的），请删除后重新输入。");
        }
        return text.Length > maxLength
            ? TextResult.Error($"{label}不能超过 {maxLength} 个字符（现有 {text.Length} 个）。")
            : TextResult.Ok(text);
    }

    /// <summary>A percent escape of a byte at or above 0x80: half of an encoded character, never typed as text.</summary>
    [GeneratedRegex("%[89A-Fa-f][0-9A-Fa-f]")]
    private static partial Regex PercentEscape();


    /// <summary>No lone surrogate: text that did not come from a person typing.</summary>
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>A text read by <see cref="TextInput"/>: the value to store, or why it cannot be.</summary>
public readonly record struct TextResult(string? Value, string? Problem)
{
    public bool IsOk => Problem is null;

    public static TextResult Ok(string? value) => new(value, null);

    public static TextResult Error(string problem) => new(null, problem);
}
