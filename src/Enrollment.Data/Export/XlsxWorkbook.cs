using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Enrollment.Data.Export;

/// <summary>
/// Writes .xlsx workbooks with SpreadCheetah: rows stream out as they are enumerated, straight into the output
/// (a download's response body need not be seekable), so memory stays flat however many rows there are. Numbers and
/// dates are real numbers with formats, so sums and filters work; the header row is frozen and filtered.
/// </summary>
public static class XlsxWorkbook
{
    /// <summary>Excel's last row: a sheet with more rows continues on "name (2)", "name (3)"…</summary>
    public const int MaxRows = 1_048_576;

    private const int MaxSheetName = 31;

    /// <summary>
    /// Writes the sheets into <paramref name="output"/> and finishes the file; the stream stays open and is only ever
    /// written asynchronously, so it may be a response body.
    /// </summary>
    public static Task WriteAsync(Stream output, IEnumerable<XlsxSheet> sheets, CancellationToken cancellationToken = default) =>
        WriteAsync(output, sheets, MaxRows, cancellationToken);

    /// <summary>As above with a smaller row limit per sheet, so a test can see the continuation without a million rows.</summary>
    internal static async Task WriteAsync(Stream output, IEnumerable<XlsxSheet> sheets, int rowsPerSheet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        // 等线 by its family name (SpreadCheetah wants at least three characters), Excel's default for Chinese. Optimal
        // compression and no cell references (optional in the format) halve the download twice over for about the
        // same time (docs/performance.md, "Excel export"): townships download over slow lines.
        var options = new SpreadCheetahOptions
        {
            DefaultFont = new DefaultFont { Name = "DengXian", Size = 11 },
            CompressionLevel = SpreadCheetahCompressionLevel.Optimal,
        };
        await using var target = new AsyncOutputStream(output);
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(target, options, cancellationToken))
        {
            var styles = new Styles(spreadsheet);
            foreach (var sheet in sheets)
            {
                await WriteSheetAsync(spreadsheet, styles, sheet, rowsPerSheet, cancellationToken);
            }
            await spreadsheet.FinishAsync(cancellationToken);
        }
        // The zip's central directory is written as the spreadsheet is disposed, synchronously, into the buffer.
        await target.FlushAsync(cancellationToken);
    }

    private static async Task WriteSheetAsync(Spreadsheet spreadsheet, Styles styles, XlsxSheet sheet, int rowsPerSheet, CancellationToken cancellationToken)
    {
        var headerRows = sheet.Title is null ? 1 : 2;
        if (rowsPerSheet <= headerRows)
        {
            throw new ArgumentOutOfRangeException(nameof(rowsPerSheet), "A sheet must have room for at least one row below its header.");
        }
        var cells = new Cell[sheet.Columns.Count];
        var part = 1;
        await StartPartAsync(spreadsheet, styles, sheet, part, cancellationToken);
        async Task AddAsync(IReadOnlyList<object?> row)
        {
            if (spreadsheet.NextRowNumber > rowsPerSheet)
            {
                await StartPartAsync(spreadsheet, styles, sheet, ++part, cancellationToken);
            }
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = CellOf(c < row.Count ? row[c] : null, sheet.Columns[c].Kind, styles);
            }
            await spreadsheet.AddRowAsync(cells, cancellationToken);
        }

        if (sheet.StreamedRows is { } streamed)
        {
            await foreach (var row in streamed.WithCancellation(cancellationToken))
            {
                await AddAsync(row);
            }
            return;
        }
        foreach (var row in sheet.Rows)
        {
            await AddAsync(row);
        }
    }

    /// <summary>A worksheet of <paramref name="sheet"/>: the title line, the header frozen and filtered, column widths.</summary>
    private static async Task StartPartAsync(Spreadsheet spreadsheet, Styles styles, XlsxSheet sheet, int part, CancellationToken cancellationToken)
    {
        var headerRow = sheet.Title is null ? 1 : 2;
        var options = new WorksheetOptions
        {
            FrozenRows = headerRow,
            AutoFilter = new AutoFilterOptions($"A{headerRow}:{ColumnName(sheet.Columns.Count - 1)}{headerRow}"),
        };
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            options.Column(i + 1).Width = sheet.Columns[i].Width;
        }
        await spreadsheet.StartWorksheetAsync(PartName(sheet.Name, part), options, cancellationToken);
        if (sheet.Title is not null)
        {
            await spreadsheet.AddRowAsync([new Cell(sheet.Title, styles.Title)], cancellationToken);
        }
        await spreadsheet.AddRowAsync([.. sheet.Columns.Select(c => new Cell(c.Header, styles.Header))], cancellationToken);
    }

    /// <summary>"name", then "name (2)"…, the name shortened if needed to stay within Excel's 31 characters.</summary>
    internal static string PartName(string name, int part)
    {
        if (part == 1)
        {
            return name.Length <= MaxSheetName ? name : name[..MaxSheetName];
        }
        var suffix = $" ({part})";
        return (name.Length + suffix.Length <= MaxSheetName ? name : name[..(MaxSheetName - suffix.Length)]) + suffix;
    }

    private static Cell CellOf(object? value, XlsxKind kind, Styles styles) => value switch
    {
        null => default,
        int n => new Cell(n, styles.Of(kind)),
        long n => new Cell(n, styles.Of(kind)),
        decimal n => new Cell(n, styles.Of(kind)),
        double n => new Cell(n, styles.Of(kind)),
        DateOnly date => new Cell(date.ToDateTime(TimeOnly.MinValue), styles.Of(kind)),
        string text => new Cell(text, styles.Of(kind)),
        _ => new Cell(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), styles.Of(kind)),
    };

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>The workbook's few styles, registered once.</summary>
    private sealed class Styles(Spreadsheet spreadsheet)
    {
        public StyleId Header { get; } = spreadsheet.AddStyle(new Style { Font = { Bold = true } });

        public StyleId Title { get; } = spreadsheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } });

        private StyleId Count { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ThousandsSeparator) });

        private StyleId Money { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ThousandsSeparatorTwoDecimalPlaces) });

        private StyleId Date { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });

        public StyleId? Of(XlsxKind kind) => kind switch
        {
            XlsxKind.Text => null,
            XlsxKind.Count => Count,
            XlsxKind.Money => Money,
            XlsxKind.Date => Date,
        };
    }
}
