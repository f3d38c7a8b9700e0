namespace Enrollment.Data.Imports;

/// <summary>
/// What every import's first pass gives the preview and the report, whatever the file holds: each row's verdict, the
/// file's own headers (the report repeats them), what the reader noticed, and why a file was refused whole.
/// </summary>
public interface IImportPreview
{
    IReadOnlyList<ImportRowResult> Results { get; }

    IReadOnlyList<string> Headers { get; }

    string? Notice { get; }

    string? Refusal { get; }

    ImportCounts Counts { get; }
}
