using Enrollment.Data.Tenancy;

namespace Enrollment.Data.Entities;

/// <summary>
/// A node of the tenant's jurisdiction tree: county → township (镇/街道) → optional grouping (管区/片区) →
/// village/community (村/居/社区) → optional natural village (自然村).
/// </summary>
public class Jurisdiction : TenantEntity, IJurisdictionScoped
{
    /// <summary>Null only for the county (the root; one per tenant).</summary>
    public long? ParentId { get; set; }

    public JurisdictionLevel Level { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Statistical division code (统计用区划代码), 6–12 digits, when known.</summary>
    public string? AdminCode { get; set; }

    /// <summary>The official order among siblings (the documents' order, not alphabetical).</summary>
    public int DisplayOrder { get; set; }

    /// <summary>贫困村: 浦北 sets a 98 % target for them.</summary>
    public bool IsPovertyVillage { get; set; }

    /// <summary>示例: created by the demo generator, not from a document or an import; show the label wherever it appears.</summary>
    public bool IsDemo { get; set; }

    /// <summary>
    /// Materialized path of ids, e.g. <c>/1/5/23/</c>, computed by the database on insert and on a move (read
    /// back after save). A subtree is every row whose path starts with the root's path.
    /// </summary>
    public string Path { get; private set; } = "";
}
