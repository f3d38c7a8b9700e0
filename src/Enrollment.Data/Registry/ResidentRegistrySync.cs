using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Registry;

/// <summary>
/// Hashes to change in id_hash_registry for one save of one tenant: entries to delete, to hold released (the
/// person is on the register but no longer lives here), and to hold active (the one registration a person may have).
/// </summary>
internal sealed record RegistryChanges(int TenantId, List<byte[]> Remove, List<byte[]> Release, List<byte[]> Activate)
{
    public bool IsEmpty => Remove.Count == 0 && Release.Count == 0 && Activate.Count == 0;
}

/// <summary>
/// Keeps id_hash_registry in step with the residents being saved: a new resident adds its hash (active while the
/// resident is), a deleted one removes it, a corrected number swaps them, and a death, a move out of the county or
/// a cancelled household registration releases the entry (a return activates it again). The hashes are computed
/// before the save (so a missing key fails before anything is written) and written with SQL in the save's
/// transaction by <see cref="Auditing.AuditInterceptor"/>, before the rows themselves: activating an entry that
/// another tenant holds active fails the whole save with <see cref="DuplicateRegistrationException"/>.
/// </summary>
internal static class ResidentRegistrySync
{
    public static RegistryChanges? Collect(EnrollmentDbContext db, CitizenIdHasher? hasher, int? tenantId)
    {
        RegistryChanges? changes = null;
        foreach (var entry in db.ChangeTracker.Entries<Resident>())
        {
            string? removed = null, placed = null;
            var active = entry.Entity.Status == ResidentStatus.Active;
            switch (entry.State)
            {
                case EntityState.Added:
                    placed = entry.Entity.CitizenId;
                    break;
                case EntityState.Deleted:
                    removed = entry.OriginalValues.GetValue<string>(nameof(Resident.CitizenId));
                    break;
                case EntityState.Modified when entry.Property(r => r.CitizenId).IsModified:
                    removed = entry.OriginalValues.GetValue<string>(nameof(Resident.CitizenId));
                    placed = entry.Entity.CitizenId;
                    break;
                case EntityState.Modified when entry.Property(r => r.Status).IsModified
                    && (entry.OriginalValues.GetValue<ResidentStatus>(nameof(Resident.Status)) == ResidentStatus.Active) != active:
                    placed = entry.Entity.CitizenId;
                    break;
                case EntityState.Detached:
                case EntityState.Unchanged:
                case EntityState.Modified:
                    continue;
            }
            hasher ??= new CitizenIdHasher(null); // unconfigured: Hash throws and names the missing setting
            changes ??= new RegistryChanges(tenantId!.Value, [], [], []);
            if (removed is not null)
            {
                changes.Remove.Add(hasher.Hash(removed));
            }
            if (placed is not null)
            {
                (active ? changes.Activate : changes.Release).Add(hasher.Hash(placed));
            }
        }
        return changes is { IsEmpty: false } ? changes : null;
    }
}
