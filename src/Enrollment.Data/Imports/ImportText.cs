using System.Text;

namespace Enrollment.Data.Imports;

/// <summary>
/// How cells of an imported file are compared and kept: blanks and the invisible characters copying leaves
/// (zero-width spaces, no-break spaces, BOMs inside a cell) removed at both ends, then Unicode form KC, so full-width
/// digits and letters and the full-width brackets of a header compare as the ordinary ones.
/// </summary>
public static class ImportText
{
    /// <summary>The cell's text in compared form; null when nothing is left.</summary>
    public static string? Clean(string? cell)
    {
        if (cell is null)
        {
            return null;
        }
        var text = cell.Normalize(NormalizationForm.FormKC).Trim(Invisible);
        return text.Length == 0 ? null : text;
    }

    /// <summary>A header cell: clean, and without any blank inside (「公民身份 号码」, 「村（社区）」 with a line break).</summary>
    public static string Header(string? cell) =>
        string.Concat((Clean(cell) ?? "").Where(c => !char.IsWhiteSpace(c) && !Invisible.Contains(c)));

    /// <summary>
    /// A citizen ID cell: every blank and invisible character removed, wherever it is, and nothing else changed — the
    /// ID parser refuses full-width digits with its own reason, as when the number is typed.
    /// </summary>
    public static string IdNumber(string cell) =>
        string.Concat(cell.Where(c => !char.IsWhiteSpace(c) && !Invisible.Contains(c)));

    private static readonly char[] Invisible =
        [' ', '\t', '\r', '\n', '\u00A0', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u3000', '\u202F', '\u2007'];
}
