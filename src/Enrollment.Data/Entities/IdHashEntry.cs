namespace Enrollment.Data.Entities;

/// <summary>
/// One row of the global duplicate registry (不得重复参保): the HMAC-SHA256 of a citizen ID number under the
/// deployment's secret key, and the tenant that registered it. No name, no number in clear.
/// </summary>
public class IdHashEntry
{
    public byte[] IdHash { get; set; } = [];

    public int TenantId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
