namespace Enrollment.Data.Entities;

// Global reference data seeded by 0003_global_tables.sql; the app role may only read it.

/// <summary>Hukou type (户籍类型), from the documents' 征缴范围.</summary>
public class HukouType
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public int DisplayOrder { get; set; }
}
