using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Enrollment.Data.Export;

namespace Enrollment.Data.Tests.Export;

/// <summary>The .xlsx writer: typed columns, a frozen and filtered header, valid files, long sheets continued.</summary>
public sealed class XlsxWorkbookTests
{
    private static readonly XlsxColumn[] Columns =
        [new("名称"), new("人数", XlsxKind.Count), new("金额", XlsxKind.Money), new("日期", XlsxKind.Date)];

    [Fact]
    public async Task Numbers_stay_numbers_money_shows_cents_dates_are_dates_and_the_header_is_frozen_and_filtered()
    {
        var sheet = new XlsxSheet("明细", "标题行", Columns,
        [
            ["鲍沟镇", 1234, 380.5m, new DateOnly(2024, 11, 20)],
            ["空值", null, null, null],
        ]);

        using var file = await WriteAsync([sheet]);

        using var workbook = SpreadsheetDocument.Open(file, false);
        new OpenXmlValidator().Validate(workbook).Select(e => e.Description).ShouldBeEmpty();
        var part = (WorksheetPart)workbook.WorkbookPart!.GetPartById(workbook.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Id!);
        var cells = Positioned(part);
        Text(workbook, cells["A1"]).ShouldBe("标题行");
        Text(workbook, cells["B2"]).ShouldBe("人数");
        Text(workbook, cells["A3"]).ShouldBe("鲍沟镇");
        cells["B3"].CellValue!.Text.ShouldBe("1234");
        cells["C3"].CellValue!.Text.ShouldBe("380.5");
        cells["D3"].CellValue!.Text.ShouldBe(new DateTime(2024, 11, 20).ToOADate().ToString(CultureInfo.InvariantCulture));
        foreach (var number in new[] { "B3", "C3", "D3" })
        {
            (cells[number].DataType is null || cells[number].DataType!.Value == CellValues.Number).ShouldBeTrue(number);
        }
        FormatOf(workbook, cells["B3"]).ShouldBe("#,##0");
        FormatOf(workbook, cells["C3"]).ShouldBe("#,##0.00");
        FormatOf(workbook, cells["D3"]).ShouldBe("yyyy-mm-dd");
        cells["B4"].CellValue.ShouldBeNull();
        cells["C4"].CellValue.ShouldBeNull();
        var pane = part.Worksheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.VerticalSplit!.Value.ShouldBe(2);
        part.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value.ShouldBe("A2:D2");
        part.Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ShouldBe([14, 14, 14, 14]);
    }

    [Fact]
    public async Task A_sheet_longer_than_the_limit_continues_on_a_numbered_sheet_with_its_header_again()
    {
        var rows = Enumerable.Range(1, 7).Select(i => (IReadOnlyList<object?>)[$"第{i}行", i, null, null]);

        using var file = new MemoryStream();
        await XlsxWorkbook.WriteAsync(file, [new XlsxSheet("明细", null, Columns, rows), new XlsxSheet("其他", null, Columns, [])], 4, CancellationToken.None);

        file.Position = 0;
        using var workbook = SpreadsheetDocument.Open(file, false);
        new OpenXmlValidator().Validate(workbook).ShouldBeEmpty();
        var sheets = Sheets(workbook);
        sheets.Keys.ShouldBe(["明细", "明细 (2)", "明细 (3)", "其他"]);
        sheets["明细"].ShouldBe([["名称", "人数"], ["第1行", "1"], ["第2行", "2"], ["第3行", "3"]]);
        sheets["明细 (2)"].ShouldBe([["名称", "人数"], ["第4行", "4"], ["第5行", "5"], ["第6行", "6"]]);
        sheets["明细 (3)"].ShouldBe([["名称", "人数"], ["第7行", "7"]]);
        sheets["其他"].ShouldBe([["名称", "人数"]]);
    }

    [Fact]
    public async Task Excels_last_row_is_the_limit_of_a_sheet()
    {
        // Excel's limit: 1,048,576 rows, the header one of them; two rows more continue on "明细 (2)".
        var rows = Enumerable.Range(1, XlsxWorkbook.MaxRows + 1).Select(i => (IReadOnlyList<object?>)[i]);

        var path = Path.Combine(Path.GetTempPath(), $"xlsx-limit-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var output = File.Create(path))
            {
                await XlsxWorkbook.WriteAsync(output, [new XlsxSheet("明细", null, [new XlsxColumn("序号", XlsxKind.Count)], rows)]);
            }
            using var workbook = SpreadsheetDocument.Open(path, false);
            var parts = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()
                .Select(s => (s.Name!.Value!, Part: (WorksheetPart)workbook.WorkbookPart.GetPartById(s.Id!))).ToList();
            parts.Select(p => p.Item1).ShouldBe(["明细", "明细 (2)"]);
            LastRow(parts[0].Part).ShouldBe((XlsxWorkbook.MaxRows, "1048575"));
            LastRow(parts[1].Part).ShouldBe((3, "1048577"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_output_is_written_only_asynchronously_so_it_can_be_a_response_body()
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => (IReadOnlyList<object?>)[$"第{i}行", i, i * 1.5m, new DateOnly(2024, 1, 1)]);
        await using var output = new ResponseLikeStream();

        await XlsxWorkbook.WriteAsync(output, [new XlsxSheet("明细", "标题", Columns, rows), new XlsxSheet("其他", null, Columns, [])]);

        output.Content.Position = 0;
        using var workbook = SpreadsheetDocument.Open(output.Content, false);
        workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["明细", "其他"]);
        new OpenXmlValidator().Validate(workbook).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("明细", 1, "明细")]
    [InlineData("明细", 2, "明细 (2)")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", 1, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", 12, "一二三四五六七八九十一二三四五六七八九十一二三四五六 (12)")]
    public void Continued_sheets_keep_within_excels_31_characters(string name, int part, string expected) =>
        XlsxWorkbook.PartName(name, part).ShouldBe(expected);

    /// <summary>Refuses synchronous writes and flushes, as Kestrel's response body does; keeps what it was sent.</summary>
    private sealed class ResponseLikeStream : Stream
    {
        public MemoryStream Content { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write.");

        public override void Flush() => throw new InvalidOperationException("Synchronous flush.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Content.WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Content.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static async Task<MemoryStream> WriteAsync(IReadOnlyList<XlsxSheet> sheets)
    {
        var file = new MemoryStream();
        await XlsxWorkbook.WriteAsync(file, sheets);
        file.Position = 0;
        return file;
    }

    /// <summary>
    /// The number of rows and the last one's first cell, read forward (SAX) so a million rows need no DOM. The writer
    /// leaves out the optional row and cell references: rows are counted.
    /// </summary>
    private static (int Rows, string First) LastRow(WorksheetPart part)
    {
        using var reader = OpenXmlReader.Create(part);
        var last = (0, "");
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                var row = (Row)reader.LoadCurrentElement()!;
                last = (last.Item1 + 1, row.Elements<Cell>().First().CellValue?.Text ?? "");
            }
        }
        return last;
    }

    /// <summary>Cells by their A1 reference, counted by position (the writer leaves the optional references out).</summary>
    private static Dictionary<string, Cell> Positioned(WorksheetPart part) =>
        part.Worksheet.Descendants<Row>()
            .SelectMany((row, r) => row.Elements<Cell>().Select((cell, c) => (Reference: $"{(char)('A' + c)}{r + 1}", Cell: cell)))
            .ToDictionary(x => x.Reference, x => x.Cell);

    /// <summary>Each sheet's rows as text, the first two columns (enough to see which row went where).</summary>
    private static Dictionary<string, List<string[]>> Sheets(SpreadsheetDocument workbook) =>
        workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToDictionary(
            s => s.Name!.Value!,
            s => ((WorksheetPart)workbook.WorkbookPart.GetPartById(s.Id!)).Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().Take(2).Select(c => Text(workbook, c)).ToArray()).ToList());

    private static string Text(SpreadsheetDocument workbook, Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
        : cell.DataType?.Value == CellValues.SharedString
            ? workbook.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText
            : cell.CellValue?.Text ?? "";

    /// <summary>The number format code of a cell's style (built-in ids 3 and 4 are #,##0 and #,##0.00).</summary>
    private static string FormatOf(SpreadsheetDocument workbook, Cell cell)
    {
        var stylesheet = workbook.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var id = format.NumberFormatId!.Value;
        return id switch
        {
            3 => "#,##0",
            4 => "#,##0.00",
            _ => stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == id).FormatCode!.Value!,
        };
    }
}
