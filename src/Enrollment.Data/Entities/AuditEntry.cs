namespace Enrollment.Data.Entities;

/// <summary>
/// A tenant's audit row (append-only): who changed which row of which entity, and the row before and after
/// as JSON (column name → value). Written by the audit interceptor for every change through the context.
/// </summary>
public class AuditEntry : TenantEntity
{
    public DateTimeOffset OccurredAt { get; set; }

    public long? ActorUserId { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>The table name, e.g. <c>residents</c>.</summary>
    public string Entity { get; set; } = "";

    /// <summary>The primary key as a JSON object, e.g. <c>{"tenant_id": 1, "id": 42}</c>.</summary>
    public string EntityKey { get; set; } = "{}";

    public AuditAction Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
