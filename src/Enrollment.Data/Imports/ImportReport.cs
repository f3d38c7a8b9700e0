using System.Globalization;
using System.Text;

namespace Enrollment.Data.Imports;

/// <summary>
/// The verdict report as CSV, UTF-8 with BOM so Excel opens it: <c>row, verdict, code, message</c>, then the row's
/// own cells under the file's own headers. A cell that Excel would run as a formula (=, +, -, @ first) is written
/// with a leading apostrophe, so opening a report never runs what a file held.
/// </summary>
public static class ImportReport
{
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IEnumerable<ImportRowResult> results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(results);
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Line(["row", "verdict", "code", "message", .. headers]));
        foreach (var r in results)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Line(
                [r.Row.ToString(CultureInfo.InvariantCulture), ImportCodes.Text(r.Verdict), r.Code, r.Message, .. r.Cells.Take(headers.Count)]));
        }
        await writer.FlushAsync(ct);
    }

    private static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Field));

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
