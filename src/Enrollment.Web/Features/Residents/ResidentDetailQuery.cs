using Enrollment.Domain.Residents;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Residents;

/// <summary>What the resident page shows.</summary>
internal sealed record ResidentDetail(
    long Id, string Name, string CitizenId, Sex Sex, DateOnly BirthDate, string? Phone, ResidentStatus Status,
    string HukouType, RelationToHead? RelationToHead, string? HouseholdAddress, IReadOnlyList<string> Jurisdictions,
    IReadOnlyList<ResidentEnrollment> Enrollments);

internal sealed record ResidentEnrollment(
    string Campaign, int PolicyYear, EnrollmentStatus Status, decimal? Payable, decimal? Subsidy, DateOnly? CoverageStart, decimal Paid);

internal static class ResidentDetailQuery
{
    /// <summary>
    /// The resident if the user's scope contains them, else null (the page then answers 404, the same as for an
    /// id that does not exist). The query filters do the scoping: tenant and jurisdiction subtree.
    /// </summary>
    public static async Task<ResidentDetail?> LoadAsync(EnrollmentDbContext db, long id, CancellationToken cancellationToken = default)
    {
        var resident = await db.Residents.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new { r.Id, r.Name, r.CitizenId, r.Sex, r.BirthDate, r.Phone, r.Status, r.HukouType, r.RelationToHead, Address = r.Household!.Address, VillagePath = r.Village!.Path })
            .SingleOrDefaultAsync(cancellationToken);
        if (resident is null)
        {
            return null;
        }

        // The names above the village (township, grouping) may lie outside a village collector's subtree: widen to
        // the tenant for these names only.
        var ancestorIds = resident.VillagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var names = await db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(j => ancestorIds.Contains(j.Id)).Select(j => new { j.Id, j.Name }).ToDictionaryAsync(j => j.Id, j => j.Name, cancellationToken);
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => e.ResidentId == id)
            .OrderByDescending(e => e.Campaign!.PolicyYear)
            .Select(e => new ResidentEnrollment(
                e.Campaign!.Name, e.Campaign.PolicyYear, e.Status, e.QuotePayable, e.QuoteSubsidy, e.QuoteCoverageStart,
                db.Payments.Where(p => p.EnrollmentId == e.Id && p.ConfirmedAt != null).Sum(p => (decimal?)p.Amount) ?? 0))
            .ToListAsync(cancellationToken);
        return new ResidentDetail(
            resident.Id, resident.Name, resident.CitizenId, resident.Sex, resident.BirthDate, resident.Phone, resident.Status,
            resident.HukouType, resident.RelationToHead, resident.Address,
            [.. ancestorIds.Skip(1).Select(a => names.GetValueOrDefault(a, "?"))], enrollments);
    }
}
