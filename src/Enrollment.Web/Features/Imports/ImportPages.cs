using Enrollment.Data.Imports;
using Enrollment.Web.Components.Grids;

namespace Enrollment.Web.Features.Imports;

/// <summary>What the preview shows above the rows: the file, the counts, what the reader noticed, and what the commit did.</summary>
public sealed record ImportSummary(
    Guid Id, string FileName, ImportCounts Counts, string? Notice, string? Refusal, bool Committed, string? Done = null, string? Error = null)
{
    public bool CanCommit => Refusal is null && !Committed && Counts.Accepted > 0;
}

/// <summary>One row of the preview as the grid shows it: the verdict and the import's own cells, in the grid's column order.</summary>
public sealed record ImportRowView(int Row, ImportVerdict Verdict, string? Code, string? Message, IReadOnlyList<string?> Values);

/// <summary>What every import page does the same way with the kept verdicts: paging them and naming the uploaded file.</summary>
internal static class ImportPages
{
    /// <summary>
    /// A page of rows: rejected first (what needs the clerk's attention), then accepted, then unchanged, each by row;
    /// with <paramref name="verdict"/> only the rows of that verdict.
    /// </summary>
    public static GridPage<ImportRowView> Page(
        IReadOnlyList<ImportRowResult> results, GridRequest request, ImportVerdict? verdict, Func<ImportRowResult, ImportRowView> view)
    {
        var order = verdict is { } only ? [only] : new[] { ImportVerdict.Rejected, ImportVerdict.Accepted, ImportVerdict.Unchanged };
        var ordered = order.SelectMany(v => results.Where(r => r.Verdict == v)).ToList();
        return new GridPage<ImportRowView>([.. ordered.Skip(request.Skip).Take(request.Size).Select(view)], ordered.Count);
    }

    /// <summary>Where each of <paramref name="columns"/> sits among the file's headers (−1 when absent).</summary>
    public static int[] IndexOf(IReadOnlyList<string> headers, params ImportColumn[] columns) =>
        [.. columns.Select(column =>
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (column.Matches(ImportText.Header(headers[i])))
                {
                    return i;
                }
            }
            return -1;
        })];

    /// <summary>The cell at <paramref name="index"/>, cleaned; null when the file has no such column.</summary>
    public static string? Cell(ImportRowResult row, int index) => index >= 0 && index < row.Cells.Length ? ImportText.Clean(row.Cells[index]) : null;

    /// <summary>The file's name as the browser sent it, without a path, short enough for the audit row.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = string.Concat(name.Where(ch => !char.IsControl(ch)));
        return name.Length == 0 ? "未命名文件" : name.Length > 100 ? name[..100] : name;
    }
}
