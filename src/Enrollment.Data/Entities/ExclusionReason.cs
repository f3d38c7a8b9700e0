namespace Enrollment.Data.Entities;

// Global reference data seeded by 0003_global_tables.sql; the app role may only read it.

/// <summary>Why a resident is not enrolled (docs/rules.md §11.3), e.g. 现役军人, 职工医保, 拒绝参保.</summary>
public class ExclusionReason
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public ExclusionKind Kind { get; set; }

    /// <summary>Whether a verified case leaves the rate base (a refusal never does).</summary>
    public bool LeavesBase { get; set; }

    public int DisplayOrder { get; set; }
}
