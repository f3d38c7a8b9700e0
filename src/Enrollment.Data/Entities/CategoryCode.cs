namespace Enrollment.Data.Entities;

// Global reference data seeded by 0003_global_tables.sql; the app role may only read it.

/// <summary>A category certified by a department (docs/rules.md §3), e.g. <c>dibao</c> 低保.</summary>
public class CategoryCode
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The certifying department, e.g. 民政局.</summary>
    public string Department { get; set; } = "";

    public int DisplayOrder { get; set; }
}
