using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;
using DomainHistory = Enrollment.Domain.Rules.EnrollmentHistory;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>An existing resident's quote inputs in one campaign, and the quote recorded when they registered.</summary>
internal sealed record ResidentTrial(
    long Id, string Name, string CitizenId, string? Township, DomainHistory History, int GapYears,
    IReadOnlyList<(string Code, DateOnly? FirstCertified)> Categories, QuoteSnapshot? Recorded, DateOnly? PaidOn);

internal static class ResidentTrialQuery
{
    /// <summary>Null when the resident is outside the user's scope (the query filters) or does not exist.</summary>
    public static async Task<ResidentTrial?> LoadAsync(EnrollmentDbContext db, long residentId, long campaignId, CancellationToken ct = default)
    {
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == residentId)
            .Select(r => new { r.Id, r.Name, r.CitizenId, VillagePath = r.Village!.Path })
            .SingleOrDefaultAsync(ct);
        if (resident is null)
        {
            return null;
        }

        string? township = null;
        if (CampaignProgress.AncestorAt(resident.VillagePath, 1) is { } townshipId)
        {
            township = await db.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction])
                .Where(j => j.Id == townshipId).Select(j => j.Name).SingleOrDefaultAsync(ct);
        }

        var categories = await db.Certifications.AsNoTracking()
            .Where(c => c.ResidentId == residentId && c.CampaignId == campaignId)
            .Select(c => new { c.CategoryCode, c.FirstCertifiedOn }).ToListAsync(ct);
        var enrollment = await db.Enrollments.AsNoTracking()
            .Where(e => e.ResidentId == residentId && e.CampaignId == campaignId)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        DateOnly? paidOn = enrollment is null ? null : await CampaignProgress.PaidEnrollments(db, campaignId)
            .Where(e => e.Id == enrollment.Id).Select(e => e.PaidOn).FirstOrDefaultAsync(ct);

        var recorded = enrollment?.QuotePayable is { } payable
            ? new QuoteSnapshot(enrollment.QuotePolicyVersion, payable, enrollment.QuoteSubsidy ?? 0, enrollment.QuoteBasis,
                enrollment.QuoteCountyShare ?? 0, enrollment.QuoteTownshipShare ?? 0, enrollment.QuoteFunding, enrollment.QuoteMode,
                enrollment.QuoteCoverageStart ?? default, enrollment.QuoteLate ?? false)
            : null;
        return new ResidentTrial(
            resident.Id, resident.Name, resident.CitizenId, township,
            enrollment is null ? DomainHistory.Continuing : ToDomain(enrollment.History), enrollment?.GapYears ?? 0,
            [.. categories.Select(c => (c.CategoryCode, c.FirstCertifiedOn))], recorded, paidOn);
    }

    public static DomainHistory ToDomain(EnrollmentHistory history) => history switch
    {
        EnrollmentHistory.Continuing => DomainHistory.Continuing,
        EnrollmentHistory.FirstTime => DomainHistory.FirstTime,
        EnrollmentHistory.Interrupted => DomainHistory.Interrupted,
    };
}
