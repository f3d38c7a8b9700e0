using System.Text;
using Enrollment.Data.Imports;
using SpreadCheetah;

namespace Enrollment.Testing.Imports;

/// <summary>
/// Builds import files for tests: rows of cells (text, numbers, formulas) written as .xlsx (SpreadCheetah) or as CSV
/// in UTF-8 (with or without BOM) or GB18030. A cell that is a <see cref="double"/> is a number cell; a
/// <see cref="Formula"/> cell is written with its saved result.
/// </summary>
public static class ImportFiles
{
    public static readonly string[] ResidentHeader = ["乡镇（街道）", "村（社区）", "户号", "姓名", "公民身份号码", "与户主关系", "联系电话", "住址", "上年度是否参保"];

    /// <summary>A formula and the value Excel saved for it.</summary>
    public sealed record FormulaCell(string Formula, string Result);

    public static async Task<byte[]> XlsxAsync(IEnumerable<IReadOnlyList<object?>> rows, params string[] merges)
    {
        using var stream = new MemoryStream();
        await using (var sheet = await Spreadsheet.CreateNewAsync(stream))
        {
            await sheet.StartWorksheetAsync("人口");
            foreach (var row in rows)
            {
                await sheet.AddRowAsync([.. row.Select(ToCell)]);
            }
            foreach (var range in merges)
            {
                sheet.MergeCells(range);
            }
            await sheet.FinishAsync();
        }
        return stream.ToArray();
    }

    private static Cell ToCell(object? value) => value switch
    {
        null => new Cell(""),
        double d => new Cell(d),
        long l => new Cell(l),
        DateTime t => new Cell(t),
        FormulaCell f => new Cell(new Formula(f.Formula), f.Result),
        _ => new Cell(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    public static byte[] Csv(IEnumerable<IReadOnlyList<object?>> rows, Encoding encoding, bool bom = false)
    {
        var text = string.Join("\r\n", rows.Select(r => string.Join(',', r.Select(c => Quote(Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture))))));
        var body = encoding.GetBytes(text + "\r\n");
        return bom ? [.. encoding.GetPreamble(), .. body] : body;
    }

    public static Encoding Gb18030 => SpreadsheetReader.Gb18030;

    private static string Quote(string? cell) =>
        cell is null ? "" : cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
