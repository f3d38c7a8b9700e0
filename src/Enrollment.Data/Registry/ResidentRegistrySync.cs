using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Registry;

/// <summary>Hashes to add to and remove from id_hash_registry for one save of one tenant.</summary>
internal sealed record RegistryChanges(int TenantId, List<byte[]> Add, List<byte[]> Remove)
{
    public bool IsEmpty => Add.Count == 0 && Remove.Count == 0;
}

/// <summary>
/// Keeps id_hash_registry in step with the residents being saved: a new resident adds its hash, a deleted one
/// removes it, a corrected number swaps them. The hashes are computed before the save (so a missing key fails
/// before anything is written) and written with SQL in the save's transaction by <see cref="Auditing.AuditInterceptor"/>,
/// tolerantly (ON CONFLICT DO NOTHING, a missing row is no error), because bulk-loaded residents may not be
/// registered yet (<see cref="IdHashRegistryReconciler"/> catches up).
/// </summary>
internal static class ResidentRegistrySync
{
    public static RegistryChanges? Collect(EnrollmentDbContext db, CitizenIdHasher? hasher, int? tenantId)
    {
        RegistryChanges? changes = null;
        foreach (var entry in db.ChangeTracker.Entries<Resident>())
        {
            string? added = null, removed = null;
            switch (entry.State)
            {
                case EntityState.Added:
                    added = entry.Entity.CitizenId;
                    break;
                case EntityState.Deleted:
                    removed = entry.OriginalValues.GetValue<string>(nameof(Resident.CitizenId));
                    break;
                case EntityState.Modified when entry.Property(r => r.CitizenId).IsModified:
                    removed = entry.OriginalValues.GetValue<string>(nameof(Resident.CitizenId));
                    added = entry.Entity.CitizenId;
                    break;
                case EntityState.Detached:
                case EntityState.Unchanged:
                case EntityState.Modified:
                    continue;
            }
            hasher ??= new CitizenIdHasher(null); // unconfigured: Hash throws and names the missing setting
            changes ??= new RegistryChanges(tenantId!.Value, [], []);
            if (removed is not null)
            {
                changes.Remove.Add(hasher.Hash(removed));
            }
            if (added is not null)
            {
                changes.Add.Add(hasher.Hash(added));
            }
        }
        return changes is { IsEmpty: false } ? changes : null;
    }
}
