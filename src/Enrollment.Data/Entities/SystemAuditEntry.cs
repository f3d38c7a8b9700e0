namespace Enrollment.Data.Entities;

/// <summary>Audit row for changes to global tables (tenants, user accounts); tenant = the one acted for, if any.</summary>
public class SystemAuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public int? TenantId { get; set; }

    public long? ActorUserId { get; set; }

    public string Actor { get; set; } = "";

    public string Entity { get; set; } = "";

    public string EntityKey { get; set; } = "{}";

    public AuditAction Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
