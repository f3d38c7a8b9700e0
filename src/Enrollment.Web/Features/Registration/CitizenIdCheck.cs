using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Domain.Residents;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Registration;

/// <summary>What registering this citizen ID number would run into.</summary>
public enum IdCheckKind
{
    /// <summary>Nothing typed yet.</summary>
    Empty,
    /// <summary>Not a valid number (or a birth date after today): <see cref="IdCheck.Message"/> says why.</summary>
    Invalid,
    /// <summary>Valid and registered nowhere: it may be registered.</summary>
    Available,
    /// <summary>Already registered inside the user's subtree: <see cref="IdCheck.ResidentId"/> links to it.</summary>
    InScope,
    /// <summary>
    /// Registered in this county outside the user's subtree: the one deliberate exception to "never reveal what lies
    /// outside the scope": only <see cref="IdCheck.TownshipName"/> is told, and a transfer may be requested.
    /// </summary>
    OtherTownship,
    /// <summary>The same, in another village of the user's own township (a village collector).</summary>
    OtherVillageOfOwnTownship,
    /// <summary>Registered by another county (the duplicate registry): nothing else is told.</summary>
    OtherTenant,
}

public sealed record IdCheck(IdCheckKind Kind, CitizenId Id = default, string? Message = null, long? ResidentId = null, string? TownshipName = null)
{
    /// <summary>The number may be registered here.</summary>
    public bool CanRegister => Kind == IdCheckKind.Available;

    /// <summary>A transfer into the user's subtree may be requested.</summary>
    public bool CanRequestTransfer => Kind is IdCheckKind.OtherTownship or IdCheckKind.OtherVillageOfOwnTownship;
}

/// <summary>
/// Checks a citizen ID number as a clerk types it: format and birth date (domain), then where it is registered.
/// The lookup outside the user's subtree ignores only the jurisdiction filter, never the tenant filter, and
/// returns only the township's name.
/// </summary>
internal static class CitizenIdCheck
{
    public static async Task<IdCheck> CheckAsync(
        EnrollmentDbContext db, DuplicateRegistry registry, TimeProvider clock, string? text, CancellationToken cancellationToken = default)
    {
        var typed = text?.Trim() ?? "";
        if (typed.Length == 0)
        {
            return new IdCheck(IdCheckKind.Empty);
        }
        if (!CitizenId.TryParse(typed, out var id, out var error))
        {
            return new IdCheck(IdCheckKind.Invalid, Message: error.ToChinese());
        }
        var born = ResidentChecks.CheckBornBy(id, clock.Today());
        if (born.IsError)
        {
            return new IdCheck(IdCheckKind.Invalid, id, born.ToChinese());
        }

        var number = id.ToString();
        var inScope = await db.Residents.Where(r => r.CitizenId == number).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (inScope is { } residentId)
        {
            return new IdCheck(IdCheckKind.InScope, id, ResidentId: residentId);
        }

        var township = await TownshipOfAsync(db, number, cancellationToken);
        if (township is not null)
        {
            var own = db.Tenant.JurisdictionPath is { } path && path.StartsWith(township.Path, StringComparison.Ordinal);
            return new IdCheck(own ? IdCheckKind.OtherVillageOfOwnTownship : IdCheckKind.OtherTownship, id, TownshipName: township.Name);
        }

        return (await registry.FindOtherTenantsAsync(number, cancellationToken)).Count > 0
            ? new IdCheck(IdCheckKind.OtherTenant, id)
            : new IdCheck(IdCheckKind.Available, id);
    }

    private sealed record Township(string Name, string Path);

    /// <summary>The township (name and path only) of this tenant's resident with the number, wherever they live in the county.</summary>
    private static async Task<Township?> TownshipOfAsync(EnrollmentDbContext db, string number, CancellationToken cancellationToken)
    {
        var villageId = await db.Residents.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(r => r.CitizenId == number).Select(r => (long?)r.VillageId).SingleOrDefaultAsync(cancellationToken);
        if (villageId is null)
        {
            return null;
        }
        var jurisdictions = db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]);
        var villagePath = await jurisdictions.Where(j => j.Id == villageId).Select(j => j.Path).SingleAsync(cancellationToken);
        var ancestors = villagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        return await jurisdictions
            .Where(j => ancestors.Contains(j.Id) && j.Level == JurisdictionLevel.Township)
            .Select(j => new Township(j.Name, j.Path))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
