using System.Text.Json;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Residents;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Residents;

/// <summary>
/// What the resident page shows. The number is masked and the birth date left out: the eight hidden digits are
/// exactly that date. Both come only from <see cref="ResidentQueries.RevealAsync"/>, which is audited.
/// </summary>
public sealed record ResidentDetail(
    long Id, string Name, string MaskedCitizenId, Sex Sex, string? Phone, ResidentStatus Status, string? HukouName,
    RelationToHead? RelationToHead, string? HouseholdAddress, IReadOnlyList<string> Jurisdictions, IReadOnlyList<ResidentEnrollment> Enrollments,
    long? HouseholdId = null, DateOnly? StatusChangedOn = null, string? StatusEvidence = null);

public sealed record ResidentEnrollment(
    string Campaign, int PolicyYear, EnrollmentStatus Status, decimal? Payable, decimal? Subsidy, DateOnly? CoverageStart, decimal Paid,
    string? CancelReason = null);

/// <summary>The full number and the birth date it holds, after an audited 显示完整号码.</summary>
public sealed record RevealedCitizenId(string CitizenId, DateOnly BirthDate);

/// <summary>
/// The resident page's reads. A resident outside the user's scope (the query filters: tenant and jurisdiction
/// subtree) is null, exactly like an id that does not exist; the page answers 404 either way.
/// </summary>
public sealed class ResidentQueries(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<ResidentDetail?> DetailAsync(long id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new
            {
                r.Id, r.Name, r.CitizenId, r.Sex, r.Phone, r.Status, r.RelationToHead, Address = r.Household!.Address, r.HouseholdId,
                r.StatusChangedOn, r.StatusEvidence,
                VillagePath = r.Village!.Path,
                Hukou = db.HukouTypes.Where(h => h.Code == r.HukouType).Select(h => h.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (resident is null)
        {
            return null;
        }

        // The names above the village (township, grouping) may lie outside a village collector's subtree: read them
        // in a query of their own that widens to the tenant, never inside the resident's query.
        var ancestorIds = resident.VillagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var names = await db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => ancestorIds.Contains(j.Id)).Select(j => new { j.Id, j.Name }).ToDictionaryAsync(j => j.Id, j => j.Name, cancellationToken);
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => e.ResidentId == id)
            .OrderByDescending(e => e.Campaign!.PolicyYear)
            .Select(e => new ResidentEnrollment(
                e.Campaign!.Name, e.Campaign.PolicyYear, e.Status, e.QuotePayable, e.QuoteSubsidy, e.QuoteCoverageStart,
                e.PaidAmount ?? 0, e.CancelReason))
            .ToListAsync(cancellationToken);
        return new ResidentDetail(
            resident.Id, resident.Name, CitizenIdMask.Mask(resident.CitizenId), resident.Sex, resident.Phone, resident.Status, resident.Hukou,
            resident.RelationToHead, resident.Address, [.. ancestorIds.Skip(1).Select(a => names.GetValueOrDefault(a, "?"))], enrollments,
            resident.HouseholdId, resident.StatusChangedOn, resident.StatusEvidence);
    }

    /// <summary>
    /// 显示完整号码: the full number and birth date, recorded in the audit log with who saw them (views of full numbers
    /// are logged). Null, and nothing logged, for a resident the user may not see.
    /// </summary>
    public async Task<RevealedCitizenId?> RevealAsync(long id, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ReadResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Id, r.CitizenId, r.BirthDate }).SingleOrDefaultAsync(cancellationToken);
        if (resident is null)
        {
            return null;
        }
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            ActorUserId = user.Id,
            Actor = user.Login,
            Entity = "residents",
            EntityKey = JsonSerializer.Serialize(new { tenant_id = user.TenantId, id = resident.Id }),
            Action = AuditAction.View,
            After = """{"viewed":"citizen_id"}""",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new RevealedCitizenId(resident.CitizenId, resident.BirthDate);
    }
}
