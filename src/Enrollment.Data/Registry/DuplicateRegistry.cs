using Enrollment.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Registry;

/// <summary>
/// The cross-tenant check for 不得重复参保: which other tenants registered the same citizen ID number. Reads only
/// the global hash registry (no names, no numbers), never another tenant's rows. The registry itself is kept in
/// step with residents by <see cref="EnrollmentDbContext"/> on save.
/// </summary>
public sealed class DuplicateRegistry(EnrollmentDbContext db, CitizenIdHasher hasher)
{
    /// <summary>
    /// Ids of the tenants other than the current one where this number is actively registered (empty = no
    /// duplicate). An entry released by a death or a move out of that county does not count.
    /// </summary>
    public async Task<IReadOnlyList<int>> FindOtherTenantsAsync(string citizenId, CancellationToken cancellationToken = default)
    {
        var hash = hasher.Hash(CitizenId.Parse(citizenId.Trim()).ToString());
        var current = db.Tenant.TenantId;
        return await db.IdHashes
            .Where(h => h.IdHash == hash && h.TenantId != current && h.ReleasedAt == null)
            .OrderBy(h => h.TenantId)
            .Select(h => h.TenantId)
            .ToListAsync(cancellationToken);
    }
}
