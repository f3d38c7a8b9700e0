using System.Text.RegularExpressions;
using Enrollment.Domain.Residents;

namespace Enrollment.Data.Imports;

/// <summary>
/// A citizen ID cell of any import: blanks and invisible characters dropped, then the domain's parser and the
/// born-by-today check. A number Excel stored as a number has lost its last digits, and the message says so.
/// </summary>
public static partial class ImportIdNumber
{
    public static bool TryRead(string raw, DateOnly today, out CitizenId id, out string? message)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = ImportText.IdNumber(raw);
        id = default;
        if (ScientificNotation().IsMatch(text))
        {
            message = $"公民身份号码“{text}”被 Excel 当作数字保存，末尾几位已经丢失，无法恢复。请把该列设置为“文本”格式，重新填写号码后再导入。";
            return false;
        }
        if (!CitizenId.TryParse(text, out id, out var error))
        {
            message = $"公民身份号码“{text}”有误：{error.ToChinese()}";
            return false;
        }
        if (ResidentChecks.CheckBornBy(id, today) is { IsError: true } born)
        {
            message = $"公民身份号码“{text}”有误：{born.ToChinese()}";
            return false;
        }
        message = null;
        return true;
    }

    /// <summary>What Excel shows for a long number: 3.70481E+17.</summary>
    [GeneratedRegex(@"^\d+(\.\d+)?[eE]\+?\d+$")]
    private static partial Regex ScientificNotation();
}
