namespace Enrollment.Data.Export;

/// <summary>How a column's values are written and shown in Excel.</summary>
public enum XlsxKind
{
    Text,
    /// <summary>Whole numbers (people, rows) with thousands separators (#,##0).</summary>
    Count,
    /// <summary>Yuan to the cent (#,##0.00), from <see cref="decimal"/>.</summary>
    Money,
    /// <summary>A <see cref="DateOnly"/> shown as yyyy-mm-dd, stored as an Excel date so it sorts and filters.</summary>
    Date,
}

public sealed record XlsxColumn(string Header, XlsxKind Kind = XlsxKind.Text, double Width = 14);

/// <summary>One worksheet: an optional title line, a frozen header row, then the rows (one value per column, null = empty).</summary>
public sealed record XlsxSheet(string Name, string? Title, IReadOnlyList<XlsxColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows)
{
    /// <summary>
    /// Rows read from the database as the sheet is written (a township's 100,000 residents): when set, they are
    /// written instead of <see cref="Rows"/>, so neither the rows nor the file are ever held in memory whole.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<object?>>? StreamedRows { get; init; }
}
