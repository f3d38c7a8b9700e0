using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

using Enrollment.Data.Export;

namespace Enrollment.Benchmarks;

/// <summary>
/// The .xlsx writer the app used before SpreadCheetah (the OpenXML SDK's SAX writer), kept here only to measure the
/// new one against it. The package holds each part until it is saved and needs a seekable output, so the download
/// endpoint buffered the whole file in memory first.
/// </summary>
internal static class OpenXmlSaxWorkbook
{
    // Cell formats, by index into the stylesheet below.
    private const uint Header = 1, Integer = 2, Money = 3, Date = 4, Title = 5;

    /// <summary>Writes the sheets into <paramref name="output"/>, which must be seekable (the package is a zip).</summary>
    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        for (var i = 0; i < sheets.Count; i++)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheets[i]);
            workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = sheets[i].Name });
        }
        workbook.Workbook.Save();
    }

    private static void WriteSheet(WorksheetPart part, XlsxSheet sheet)
    {
        var headerRow = sheet.Title is null ? 1u : 2u;
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(sheet.Columns.Select((c, i) =>
            new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        var rowIndex = 0u;
        if (sheet.Title is not null)
        {
            WriteRow(writer, ++rowIndex, [sheet.Title], [new XlsxColumn("")], Title);
        }
        WriteRow(writer, ++rowIndex, [.. sheet.Columns.Select(c => (object?)c.Header)], sheet.Columns, Header);
        foreach (var row in sheet.Rows)
        {
            WriteRow(writer, ++rowIndex, row, sheet.Columns, null);
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<object?> values, IReadOnlyList<XlsxColumn> columns, uint? style)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var c = 0; c < values.Count && c < columns.Count; c++)
        {
            if (values[c] is { } value)
            {
                writer.WriteElement(CellOf(value, $"{ColumnName(c)}{index}", style ?? StyleOf(columns[c].Kind)));
            }
        }
        writer.WriteEndElement();
    }

    private static Cell CellOf(object value, string reference, uint style) => value switch
    {
        int or long or decimal or double => new Cell
        {
            CellReference = reference, StyleIndex = style,
            CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        },
        DateOnly date => new Cell
        {
            CellReference = reference, StyleIndex = style,
            CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
        },
        _ => new Cell
        {
            CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
        },
    };

    private static uint StyleOf(XlsxKind kind) => kind switch
    {
        XlsxKind.Text => 0,
        XlsxKind.Count => Integer,
        XlsxKind.Money => Money,
        XlsxKind.Date => Date,
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

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "等线" }))
        { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 2, ApplyFont = true })
        { Count = 6 });
}
