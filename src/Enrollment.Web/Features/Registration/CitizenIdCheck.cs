using System.Text.Json;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Domain.Residents;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Residents;
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
    /// outside the scope": a transfer may be requested, and a township or county user is told the township
    /// (<see cref="IdCheck.TownshipName"/>) to coordinate with; a village collector only that it is elsewhere.
    /// </summary>
    OtherTownship,
    /// <summary>The same, in another village of the user's own township (a village collector).</summary>
    OtherVillageOfOwnTownship,
    /// <summary>Registered by another county (the duplicate registry): nothing else is told.</summary>
    OtherTenant,
    /// <summary>The user has looked up too many numbers in a short time (<see cref="IdLookupLimiter"/>): nothing is told.</summary>
    TooManyLookups,
}

public sealed record IdCheck(IdCheckKind Kind, CitizenId Id = default, string? Message = null, long? ResidentId = null, string? TownshipName = null)
{
    /// <summary>A number that may be registered but whose region is outside the county: check it (never a refusal).</summary>
    public string? RegionWarning { get; init; }

    /// <summary>The number may be registered here.</summary>
    public bool CanRegister => Kind == IdCheckKind.Available;

    /// <summary>A transfer into the user's subtree may be requested.</summary>
    public bool CanRequestTransfer => Kind is IdCheckKind.OtherTownship or IdCheckKind.OtherVillageOfOwnTownship;
}

/// <summary>
/// Checks a citizen ID number as a clerk types it: format and birth date (domain), then where it is registered.
/// The lookup outside the user's subtree ignores only the jurisdiction filter, never the tenant filter, and
/// returns only the township's name. Every lookup of a well-formed number is taken from the user's
/// <see cref="IdLookupLimiter"/> bucket and written to the audit log (action <c>lookup</c>: the masked number, its
/// keyed hash — the registry's, so an auditor can test a given number — and what the user was told).
/// </summary>
public sealed class CitizenIdCheck(IdLookupLimiter limiter, TimeProvider clock, CitizenIdHasher hasher)
{
    public async Task<IdCheck> CheckAsync(EnrollmentDbContext db, SignedInUser user, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
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
        if (!limiter.TryTake(user.Id))
        {
            return new IdCheck(IdCheckKind.TooManyLookups, id);
        }

        var (check, residentId) = await LookUpAsync(db, user, id, cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            ActorUserId = user.Id,
            Actor = user.Login,
            Entity = "residents",
            EntityKey = residentId is { } found
                ? JsonSerializer.Serialize(new { tenant_id = db.Tenant.TenantId, id = found })
                : JsonSerializer.Serialize(new { tenant_id = db.Tenant.TenantId }),
            Action = AuditAction.Lookup,
            After = JsonSerializer.Serialize(new
            {
                citizen_id = CitizenIdMask.Mask(id.ToString()),
                citizen_id_hash = Convert.ToBase64String(hasher.Hash(id.ToString())),
                outcome = OutcomeCode(check.Kind),
            }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return check;
    }

    private async Task<(IdCheck Check, long? ResidentId)> LookUpAsync(
        EnrollmentDbContext db, SignedInUser user, CitizenId id, CancellationToken cancellationToken)
    {
        var number = id.ToString();
        var inScope = await db.Residents.Where(r => r.CitizenId == number).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (inScope is { } residentId)
        {
            return (new IdCheck(IdCheckKind.InScope, id, ResidentId: residentId), residentId);
        }

        var township = await TownshipOfAsync(db, number, cancellationToken);
        if (township is not null)
        {
            var own = db.Tenant.JurisdictionPath is { } path && path.StartsWith(township.Path, StringComparison.Ordinal);
            // A village collector requests the transfer; the township office that decides it needs the name, they do not.
            var name = user.Role == UserRole.VillageStaff ? null : township.Name;
            return (new IdCheck(own ? IdCheckKind.OtherVillageOfOwnTownship : IdCheckKind.OtherTownship, id, TownshipName: name),
                township.ResidentId);
        }

        if ((await new DuplicateRegistry(db, hasher).FindOtherTenantsAsync(number, cancellationToken)).Count > 0)
        {
            return (new IdCheck(IdCheckKind.OtherTenant, id), null);
        }
        var county = await db.Tenants.Where(t => t.Id == db.Tenant.TenantId).Select(t => t.RegionCode).SingleOrDefaultAsync(cancellationToken);
        return (new IdCheck(IdCheckKind.Available, id) { RegionWarning = RegionNotice.OutsideCounty(id, county) }, null);
    }

    private static string OutcomeCode(IdCheckKind kind) => kind switch
    {
        IdCheckKind.Available => "available",
        IdCheckKind.InScope => "in_scope",
        IdCheckKind.OtherTownship => "other_township",
        IdCheckKind.OtherVillageOfOwnTownship => "other_village",
        IdCheckKind.OtherTenant => "other_county",
        IdCheckKind.Empty or IdCheckKind.Invalid or IdCheckKind.TooManyLookups =>
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an answer of the registry"),
    };

    private sealed record Township(string Name, string Path, long ResidentId);

    /// <summary>The township (name and path only) of this tenant's resident with the number, wherever they live in the county.</summary>
    private static async Task<Township?> TownshipOfAsync(EnrollmentDbContext db, string number, CancellationToken cancellationToken)
    {
        var resident = await db.Residents.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(r => r.CitizenId == number).Select(r => new { r.Id, r.VillageId }).SingleOrDefaultAsync(cancellationToken);
        if (resident is null)
        {
            return null;
        }
        var jurisdictions = db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]);
        var villagePath = await jurisdictions.Where(j => j.Id == resident.VillageId).Select(j => j.Path).SingleAsync(cancellationToken);
        var ancestors = villagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        return await jurisdictions
            .Where(j => ancestors.Contains(j.Id) && j.Level == JurisdictionLevel.Township)
            .Select(j => new Township(j.Name, j.Path, resident.Id))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
