using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Registration;

public sealed record VillageGroup(string Township, IReadOnlyList<VillageChoice> Villages);

public sealed record VillageChoice(long Id, string Name);

public sealed record HouseholdChoice(long Id, string HeadName, string? Address);

public sealed record HukouChoice(string Code, string Name);

/// <summary>The select lists of the registration form, all limited to the user's subtree by the query filters.</summary>
internal static class RegistrationChoices
{
    /// <summary>Villages of the user's subtree grouped by township, both in official order (DisplayOrder).</summary>
    public static async Task<IReadOnlyList<VillageGroup>> VillagesAsync(EnrollmentDbContext db, CancellationToken cancellationToken = default)
    {
        var villages = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Village)
            .Select(j => new { j.Id, j.Name, j.Path, j.DisplayOrder })
            .ToListAsync(cancellationToken);
        // A village collector's township lies above their subtree: widen to the tenant for township names only.
        var townships = await db.Jurisdictions.AsNoTracking().IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => j.Level == JurisdictionLevel.Township)
            .Select(j => new { j.Name, j.Path, j.DisplayOrder, j.Id })
            .ToListAsync(cancellationToken);
        return townships
            .OrderBy(t => t.DisplayOrder).ThenBy(t => t.Id)
            .Select(t => new VillageGroup(t.Name, [.. villages
                .Where(v => v.Path.StartsWith(t.Path, StringComparison.Ordinal))
                .OrderBy(v => v.DisplayOrder).ThenBy(v => v.Id)
                .Select(v => new VillageChoice(v.Id, v.Name))]))
            .Where(g => g.Villages.Count > 0)
            .ToList();
    }

    /// <summary>Households of a village in the user's subtree, with their head's name (empty if out of scope).</summary>
    public static async Task<IReadOnlyList<HouseholdChoice>> HouseholdsAsync(EnrollmentDbContext db, long? villageId, CancellationToken cancellationToken = default)
    {
        if (villageId is null)
        {
            return [];
        }
        return await db.Households.AsNoTracking()
            .Where(h => h.VillageId == villageId)
            .OrderBy(h => h.Id)
            .Select(h => new HouseholdChoice(
                h.Id,
                db.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.Name).FirstOrDefault() ?? "（未设户主）",
                h.Address))
            .Take(1000)
            .ToListAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<HukouChoice>> HukouTypesAsync(EnrollmentDbContext db, CancellationToken cancellationToken = default) =>
        await db.HukouTypes.AsNoTracking().OrderBy(h => h.DisplayOrder).Select(h => new HukouChoice(h.Code, h.Name)).ToListAsync(cancellationToken);
}
