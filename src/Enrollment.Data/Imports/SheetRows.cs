namespace Enrollment.Data.Imports;

/// <summary>One row of a file as read: its number in the file (the first row is 1) and its cells as text.</summary>
public sealed record SheetRow(int Number, string?[] Cells);

/// <summary>
/// The rows of a file's first sheet (or of a CSV), or why the file cannot be read at all (<see cref="Refusal"/>,
/// Chinese). Cells are text: numbers as Excel shows them in a plain cell, dates as yyyy-MM-dd, a number too long for
/// Excel's 15 significant digits in E notation (so the ID check can say its digits were lost).
/// </summary>
public sealed record SheetRows(IReadOnlyList<SheetRow> Rows, string? Refusal = null)
{
    public static SheetRows Refused(string refusal) => new([], refusal);
}

/// <summary>A file's data rows under its header, or why there are none to check (Chinese, the file refused whole).</summary>
public sealed record SheetData(ColumnMap? Map, IReadOnlyList<SheetRow> Rows, string? Notice, string? Refusal)
{
    /// <summary>Finds the header among <paramref name="columns"/> and takes the rows below it.</summary>
    public static SheetData Of(SheetRows sheet, IReadOnlyList<ImportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        if (sheet.Refusal is { } unreadable)
        {
            return new SheetData(null, [], null, unreadable);
        }
        var map = ColumnMap.Find(sheet.Rows, columns, out var refusal);
        if (map is null)
        {
            return new SheetData(null, [], null, refusal);
        }
        var data = sheet.Rows.Where(r => r.Number > map.HeaderRow).ToList();
        if (data.Count == 0)
        {
            return new SheetData(null, [], null, "文件只有表头，没有数据行。");
        }
        var notice = map.HeaderRow > 1 ? $"表头在第 {map.HeaderRow} 行，其上方的 {map.HeaderRow - 1} 行（标题等）未作为数据读取。" : null;
        return new SheetData(map, data, notice, null);
    }
}
