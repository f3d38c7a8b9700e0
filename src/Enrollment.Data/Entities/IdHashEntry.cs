namespace Enrollment.Data.Entities;

/// <summary>
/// One row of the global duplicate registry (不得重复参保): the HMAC-SHA256 of a citizen ID number under the
/// deployment's secret key, and the tenant that registered it. No name, no number in clear. A person holds at
/// most one active entry across all tenants (a unique index over the entries not released).
/// </summary>
public class IdHashEntry
{
    public byte[] IdHash { get; set; } = [];

    public int TenantId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When the person left this tenant's register (died, moved out, cancelled); null while active.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }
}
