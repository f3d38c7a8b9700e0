namespace Enrollment.Data.Imports;

/// <summary>What an import does with a row.</summary>
public enum ImportVerdict
{
    /// <summary>Stored on commit (a warning may be in the message).</summary>
    Accepted,
    /// <summary>Already registered exactly so: nothing to store.</summary>
    Unchanged,
    /// <summary>Not stored: the code and message say why.</summary>
    Rejected,
}

/// <summary>The stable machine codes of the report (the message says it in Chinese).</summary>
public static class ImportCodes
{
    public const string InvalidIdNumber = "invalid_id_number";
    public const string MissingValue = "missing_value";
    public const string InvalidValue = "invalid_value";
    public const string UnknownTownship = "unknown_township";
    public const string UnknownVillage = "unknown_village";
    public const string OutsideScope = "outside_scope";
    public const string DuplicateInFile = "duplicate_in_file";
    public const string RegisteredElsewhere = "registered_elsewhere";
    public const string InsuredInOtherCounty = "insured_in_other_county";
    public const string HouseholdConflict = "household_conflict";
    public const string DiffersFromRegistry = "differs_from_registry";

    public static string Text(ImportVerdict verdict) => verdict switch
    {
        ImportVerdict.Accepted => "accepted",
        ImportVerdict.Unchanged => "unchanged",
        ImportVerdict.Rejected => "rejected",
    };

    /// <summary>The verdict as the browser shows it.</summary>
    public static string Chinese(ImportVerdict verdict) => verdict switch
    {
        ImportVerdict.Accepted => "可导入",
        ImportVerdict.Unchanged => "无变化",
        ImportVerdict.Rejected => "不予导入",
    };
}

/// <summary>One row's verdict: the file's row number, the code (null when plainly accepted), the Chinese message, the row's cells.</summary>
public sealed record ImportRowResult(int Row, ImportVerdict Verdict, string? Code, string? Message, string?[] Cells);

/// <summary>How many rows got each verdict.</summary>
public readonly record struct ImportCounts(int Rows, int Accepted, int Unchanged, int Rejected)
{
    public static ImportCounts Of(IEnumerable<ImportRowResult> results)
    {
        int accepted = 0, unchanged = 0, rejected = 0;
        foreach (var r in results)
        {
            switch (r.Verdict)
            {
                case ImportVerdict.Accepted: accepted++; break;
                case ImportVerdict.Unchanged: unchanged++; break;
                case ImportVerdict.Rejected: rejected++; break;
            }
        }
        return new ImportCounts(accepted + unchanged + rejected, accepted, unchanged, rejected);
    }

    /// <summary>The last line the CLI prints.</summary>
    public override string ToString() => $"rows: {Rows}, accepted: {Accepted}, unchanged: {Unchanged}, rejected: {Rejected}";
}
