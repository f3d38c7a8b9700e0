using System.Globalization;
using System.Text;

namespace Enrollment.Web.Components.Forms;

/// <summary>
/// What free text a clerk types may hold: trimmed, in Unicode normal form KC (full-width letters and digits become
/// ordinary ones), within a length, and without characters nobody types — control characters, direction overrides
/// (which make a name read differently from what is stored), the replacement character a broken encoding leaves, or
/// a lone surrogate. Every handler reads names, addresses, reasons and notes through this before storing them.
/// </summary>
public static class TextInput
{
    /// <summary>
    /// The text to store (null when empty and <paramref name="required"/> is false), or a Chinese message naming
    /// <paramref name="label"/>.
    /// </summary>
    public static TextResult Read(string? value, string label, int maxLength, bool required = false)
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
        text = text.Normalize(NormalizationForm.FormKC);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || rune.Value == 0xFFFD)
            {
                return TextResult.Error($"{label}含有不可见或控制字符，请删除后重新输入。");
            }
        }
        return text.Length > maxLength
            ? TextResult.Error($"{label}不能超过 {maxLength} 个字符（现有 {text.Length} 个）。")
            : TextResult.Ok(text);
    }

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
