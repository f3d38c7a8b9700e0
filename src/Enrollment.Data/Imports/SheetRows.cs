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
