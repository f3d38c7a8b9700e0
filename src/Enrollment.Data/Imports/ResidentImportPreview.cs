namespace Enrollment.Data.Imports;

/// <summary>An accepted row as it will be stored: where it goes, its household (existing or new), its registry hash.</summary>
public sealed record ResidentToStore(ParsedResident Row, long VillageId, long? HouseholdId, byte[] IdHash);

/// <summary>
/// The first pass over a residents file: every row's verdict, the accepted rows ready to store, and what the reader
/// noticed (the header's row). A file refused whole has <see cref="Refusal"/> and no rows.
/// </summary>
public sealed record ResidentImportPreview(
    IReadOnlyList<ImportRowResult> Results, IReadOnlyList<ResidentToStore> ToStore, IReadOnlyList<string> Headers, string? Notice,
    string? Refusal) : IImportPreview
{
    public ImportCounts Counts { get; } = ImportCounts.Of(Results);

    public static ResidentImportPreview Refused(string refusal) => new([], [], [], null, refusal);
}

/// <summary>What the check needs besides the file and the context: the business date and who is asking.</summary>
/// <param name="Today">The business date (a birth date after it is refused).</param>
/// <param name="NameTownships">Whether the user may learn the township a number is registered in (not a village collector).</param>
public sealed record ResidentImportOptions(DateOnly Today, bool NameTownships);
