using System.Globalization;
using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace Enrollment.Data.Imports;

/// <summary>
/// Reads an uploaded file whatever it is: .xlsx and .xls by their first bytes (ExcelDataReader; merged cells are
/// filled with their top-left value, formulas give their saved result), anything else as CSV in UTF-8 (with or
/// without BOM) or GB18030, detected from the bytes. A file that is none of these, or is empty, is refused with a
/// Chinese sentence; no exception of a reader reaches the caller.
/// </summary>
public static class SpreadsheetReader
{
    static SpreadsheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030: what Chinese Excel saves "CSV (逗号分隔)" in.</summary>
    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private const int Probe = 64 * 1024;

    public const string NotASpreadsheet = "无法读取该文件：它不是 Excel 表格（.xlsx、.xls）或 CSV 文件，请在 Excel 中另存为 .xlsx 后重新上传。";

    /// <summary>Reads <paramref name="stream"/> (seekable) to the end.</summary>
    public static SheetRows Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[Math.Min(Probe, stream.Length - stream.Position)];
        var start = stream.Position;
        stream.ReadExactly(head);
        stream.Position = start;
        if (head.Length == 0)
        {
            return SheetRows.Refused("文件是空的，没有任何内容。");
        }
        try
        {
            if (head.AsSpan().StartsWith(Zip) || head.AsSpan().StartsWith(Ole))
            {
                return ReadWorkbook(stream);
            }
            return !KnownBinary(head) && LooksLikeText(head) ? ReadCsv(stream, DetectEncoding(head)) : SheetRows.Refused(NotASpreadsheet);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // A damaged workbook (or a zip that is not one) throws from deep inside the reader: the person only needs to know it is unreadable.
            return SheetRows.Refused(NotASpreadsheet);
        }
    }

    private static SheetRows ReadWorkbook(Stream stream)
    {
        using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
        var rows = new List<SheetRow>();
        var number = 0;
        while (reader.Read())
        {
            number++;
            var cells = new string?[reader.FieldCount];
            var any = false;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = CellText(reader.GetValue(i));
                any |= cells[i] is not null;
            }
            if (any)
            {
                rows.Add(new SheetRow(number, cells));
            }
        }
        FillMergedCells(rows, reader.MergeCells);
        return new SheetRows(rows);
    }

    /// <summary>A merged range (a village name over its rows) holds its value in the top-left cell only.</summary>
    private static void FillMergedCells(List<SheetRow> rows, CellRange[]? merges)
    {
        if (merges is null || merges.Length == 0)
        {
            return;
        }
        var byNumber = rows.ToDictionary(r => r.Number);
        foreach (var range in merges)
        {
            if (!byNumber.TryGetValue(range.FromRow + 1, out var top) || range.FromColumn >= top.Cells.Length)
            {
                continue;
            }
            var value = top.Cells[range.FromColumn];
            for (var row = range.FromRow + 1; row <= range.ToRow + 1; row++)
            {
                if (!byNumber.TryGetValue(row, out var target))
                {
                    continue;
                }
                for (var column = range.FromColumn; column <= Math.Min(range.ToColumn, target.Cells.Length - 1); column++)
                {
                    target.Cells[column] ??= value;
                }
            }
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        // Excel keeps 15 significant digits: a longer number (an ID typed into a number cell) has lost its last ones.
        double d when Math.Abs(d) >= 1e15 => d.ToString("0.#####E+00", CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) => d.ToString("F0", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Files people pick by mistake whose first bytes are text-like: a PDF, an image, an archive.</summary>
    private static bool KnownBinary(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || head.StartsWith("GIF8"u8)
        || head.StartsWith("Rar!"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF]) || head.StartsWith("{\\rtf"u8);

    /// <summary>Text has no NUL bytes and few control characters; a binary file (an image, a PDF, random bytes) has many.</summary>
    private static bool LooksLikeText(byte[] head)
    {
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return false;
            }
            if (b < 0x20 && b is not (byte)'\r' and not (byte)'\n' and not (byte)'\t')
            {
                control++;
            }
        }
        return control * 100 < head.Length;
    }

    /// <summary>UTF-8 when it has a BOM or its bytes are valid UTF-8 (a cut last character allowed), else GB18030.</summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Encoding.UTF8.Preamble))
        {
            return new UTF8Encoding(false);
        }
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        // Up to 3 bytes of a character cut by the probe's end are not an error.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            try
            {
                strict.GetCharCount(head[..^cut]);
                return new UTF8Encoding(false);
            }
            catch (DecoderFallbackException)
            {
            }
        }
        return Gb18030;
    }

    private static SheetRows ReadCsv(Stream stream, Encoding encoding)
    {
        // Separator detected (comma, semicolon, tab); empty lines skipped but counted, so row numbers are the file's lines.
        using var reader = CsvReader.Create(stream, new CsvReaderOptions
        {
            HasHeader = false,
            Encoding = encoding,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
        }, true);
        var rows = new List<SheetRow>();
        while (reader.Read())
        {
            var cells = new string?[reader.FieldCount];
            var any = false;
            for (var i = 0; i < cells.Length; i++)
            {
                var value = reader.GetString(i);
                cells[i] = value.Length == 0 ? null : value;
                any |= !string.IsNullOrWhiteSpace(value);
            }
            if (any)
            {
                rows.Add(new SheetRow((int)reader.LineNumber, cells));
            }
        }
        return rows.Count == 0 ? SheetRows.Refused("文件中没有任何数据行。") : new SheetRows(rows);
    }
}
